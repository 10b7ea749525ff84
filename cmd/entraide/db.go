package main

import (
	"context"
	"fmt"
	"os"

	"codeberg.org/entraide/entraide/adapters/matrix"
	"codeberg.org/entraide/entraide/config"
	"codeberg.org/entraide/entraide/sqlite"
	"codeberg.org/entraide/entraide/storage"
)

func dbCommand() *subcommand {
	return &subcommand{
		name:    "db",
		summary: "back up the SQLite database, or copy it to Postgres",
		usage: `Usage: entraide db backup (--config FILE | --db FILE) BACKUP
       entraide db copy --from FILE --to postgres://USER@HOST:PORT/DATABASE

backup writes a consistent copy of the SQLite database to the new file
       BACKUP, while the bot runs (SQLite's VACUUM INTO). Never copy the
       database file, its -wal or its -shm by hand: a copy taken while the
       bot writes can miss acknowledged tickets or be damaged. A Postgres
       database is backed up with pg_dump.

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
	if len(args) > 0 && args[0] == "backup" {
		return runDBBackup(ctx, e, args[1:])
	}
	if len(args) == 0 || args[0] != "copy" {
		return usageError{"missing action: backup or copy"}
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
	if msg := config.DatabaseURLProblem(*to); msg != "" {
		return usageError{"--to: " + msg}
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

func runDBBackup(ctx context.Context, e *env, args []string) error {
	fs := newFlags("db backup")
	cfgPath := fs.String("config", "", "")
	dbPath := fs.String("db", "", "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case fs.NArg() != 1:
		return usageError{"give the backup file to write"}
	case (*cfgPath == "") == (*dbPath == ""):
		return usageError{"give --config FILE or --db FILE"}
	}
	src := *dbPath
	if *cfgPath != "" {
		cfg, err := config.LoadOffline(*cfgPath)
		if err != nil {
			return err
		}
		src = cfg.Bot.Database
	}
	if config.IsDatabaseURL(src) {
		return fmt.Errorf("db backup copies a SQLite file; back up a Postgres database with pg_dump")
	}
	if _, err := os.Stat(src); err != nil {
		return fmt.Errorf("database %s: %w", src, err) // rather than create an empty one
	}
	db, err := sqlite.Open(ctx, src)
	if err != nil {
		return err
	}
	defer db.Close()
	dest := fs.Arg(0)
	if err := db.Backup(ctx, dest); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "backed up %s to %s\n", src, dest)
	return nil
}
