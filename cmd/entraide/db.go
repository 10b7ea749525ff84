package main

import (
	"context"
	"fmt"
	"os"

	"codeberg.org/entraide/entraide/adapters/matrix"
	"codeberg.org/entraide/entraide/config"
	"codeberg.org/entraide/entraide/storage"
)

func dbCommand() *subcommand {
	return &subcommand{
		name:    "db",
		summary: "copy a community's SQLite database to Postgres",
		usage: `Usage: entraide db copy --from FILE --to postgres://USER@HOST:PORT/DATABASE

copy   moves everything the bot stored in the SQLite file FILE (tickets and
       their history, FAQ answers and feedback, announcement posts, the
       journal of handled messages, adapter state, the Matrix device and
       its crypto keys) into the Postgres database, in one transaction.
       The target must be empty: a database with any record is refused.
       Stop the bot first; afterwards point [bot] database at the URL.

The Postgres password comes from ` + config.EnvDatabasePassword + ` or the URL.`,
		run: runDB,
	}
}

func runDB(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "copy" {
		return usageError{"missing action: copy"}
	}
	fs := newFlags("db copy")
	from := fs.String("from", "", "")
	to := fs.String("to", "", "")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return usageError{"unexpected argument " + fs.Arg(0)}
	case *from == "" || *to == "":
		return usageError{"give --from FILE and --to postgres://..."}
	case config.IsDatabaseURL(*from):
		return usageError{"--from is the SQLite file to copy"}
	case !config.IsDatabaseURL(*to):
		return usageError{"--to must be a postgres:// URL"}
	}
	if _, err := os.Stat(*from); err != nil {
		return fmt.Errorf("database %s: %w", *from, err)
	}
	src, err := storage.Open(ctx, *from, "")
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := storage.Open(ctx, *to, os.Getenv(config.EnvDatabasePassword))
	if err != nil {
		return err
	}
	defer dst.Close()
	// refused before anything is created in the target
	if err := storage.CheckEmpty(ctx, dst); err != nil {
		return err
	}
	db, dialect := dst.SQL()
	if err := matrix.PrepareDatabase(ctx, db, dialect); err != nil {
		return err
	}
	total := 0
	err = storage.Copy(ctx, src, dst, func(table string, rows int) {
		fmt.Fprintf(e.stdout, "%-40s %7d rows\n", table, rows)
		total += rows
	})
	if err != nil {
		return fmt.Errorf("copy to %s failed, nothing was committed: %w", dst.Where(), err)
	}
	fmt.Fprintf(e.stdout, "copied %d rows from %s to %s\n", total, src.Where(), dst.Where())
	return nil
}
