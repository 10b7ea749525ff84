package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// versionTables record schema versions: the target's own are already at
// the program's version when rows are copied, so they are never copied.
var versionTables = map[string]bool{"schema_migrations": true, "crypto_version": true, "mx_version": true}

// CheckEmpty refuses a database that holds any record: a copy must never
// mix two communities' data, nor overwrite what a running bot stored.
func CheckEmpty(ctx context.Context, s Store) error {
	db, dialect := s.SQL()
	if dialect != "postgres" {
		return fmt.Errorf("database %s: copying goes to a Postgres database", s.Where())
	}
	tables, err := pgTables(ctx, db)
	if err != nil {
		return fmt.Errorf("database %s: %w", s.Where(), err)
	}
	for _, t := range tables {
		if versionTables[t] {
			continue
		}
		var any bool
		if err := db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM `+quote(t)+`)`).Scan(&any); err != nil {
			return fmt.Errorf("database %s: %w", s.Where(), err)
		}
		if any {
			return fmt.Errorf("database %s is not empty (table %s has rows): copy only into a new, empty database", s.Where(), t)
		}
	}
	return nil
}

// Copy copies every row of the SQLite store src into the empty Postgres
// store dst, in one transaction: the bot's tables, and every other table
// both hold (the Matrix adapter's room state and crypto tables, which the
// caller creates in dst first). Columns are matched by name; values are
// converted to the target's types (SQLite's 0/1 to booleans, text times to
// timestamps). report is told each table's row count.
func Copy(ctx context.Context, src, dst Store, report func(table string, rows int)) error {
	sdb, sdialect := src.SQL()
	ddb, ddialect := dst.SQL()
	if sdialect != "sqlite3" || ddialect != "postgres" {
		return errors.New("db copy goes from a SQLite file to a Postgres database")
	}
	if err := CheckEmpty(ctx, dst); err != nil {
		return err
	}
	srcTables, err := sqliteTables(ctx, sdb)
	if err != nil {
		return fmt.Errorf("database %s: %w", src.Where(), err)
	}
	dstTables, err := pgTables(ctx, ddb)
	if err != nil {
		return fmt.Errorf("database %s: %w", dst.Where(), err)
	}
	inDst := map[string]bool{}
	for _, t := range dstTables {
		inDst[t] = true
	}
	var missing []string
	for t := range srcTables {
		if !inDst[t] && !versionTables[t] {
			missing = append(missing, t)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return fmt.Errorf("tables %s of %s have no counterpart in %s (Matrix crypto tables need a build with -tags goolm); nothing was copied",
			strings.Join(missing, ", "), src.Where(), dst.Where())
	}
	order, err := pgInsertOrder(ctx, ddb, dstTables)
	if err != nil {
		return fmt.Errorf("database %s: %w", dst.Where(), err)
	}
	tx, err := ddb.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, t := range order {
		if versionTables[t] || !srcTables[t] {
			continue
		}
		n, err := copyTable(ctx, sdb, tx, t)
		if err != nil {
			return fmt.Errorf("table %s: %w", t, err)
		}
		if report != nil {
			report(t, n)
		}
	}
	if err := resetIdentities(ctx, tx); err != nil {
		return err
	}
	return tx.Commit()
}

func quote(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

func sqliteTables(ctx context.Context, db *sql.DB) (map[string]bool, error) {
	rows, err := db.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out[n] = true
	}
	return out, rows.Err()
}

func pgTables(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// pgInsertOrder sorts tables so that a table comes after those its foreign
// keys point to.
func pgInsertOrder(ctx context.Context, db *sql.DB, tables []string) ([]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT c.conrelid::regclass::text, c.confrelid::regclass::text
		FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
		WHERE c.contype = 'f' AND n.nspname = current_schema()`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	deps := map[string][]string{}
	for rows.Next() {
		var from, to string
		if err := rows.Scan(&from, &to); err != nil {
			return nil, err
		}
		if from != to {
			deps[strings.Trim(from, `"`)] = append(deps[strings.Trim(from, `"`)], strings.Trim(to, `"`))
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []string
	state := map[string]int{} // 1 visiting, 2 done
	var visit func(t string) error
	visit = func(t string) error {
		switch state[t] {
		case 1:
			return fmt.Errorf("foreign keys form a cycle through %s", t)
		case 2:
			return nil
		}
		state[t] = 1
		sort.Strings(deps[t])
		for _, d := range deps[t] {
			if err := visit(d); err != nil {
				return err
			}
		}
		state[t] = 2
		out = append(out, t)
		return nil
	}
	for _, t := range tables {
		if err := visit(t); err != nil {
			return nil, err
		}
	}
	return out, nil
}

type column struct{ name, typ string }

// copyTable copies the columns both sides of table have.
func copyTable(ctx context.Context, src *sql.DB, dst *sql.Tx, table string) (int, error) {
	srcCols := map[string]bool{}
	rows, err := src.QueryContext(ctx, `SELECT name FROM pragma_table_info(?)`, table)
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return 0, err
		}
		srcCols[n] = true
	}
	rows.Close()
	rows, err = dst.QueryContext(ctx, `SELECT column_name, data_type FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`, table)
	if err != nil {
		return 0, err
	}
	var cols []column
	for rows.Next() {
		var c column
		if err := rows.Scan(&c.name, &c.typ); err != nil {
			rows.Close()
			return 0, err
		}
		if srcCols[c.name] {
			cols = append(cols, c)
		}
	}
	rows.Close()
	if len(cols) == 0 {
		return 0, nil
	}
	names := make([]string, len(cols))
	marks := make([]string, len(cols))
	for i, c := range cols {
		names[i], marks[i] = quote(c.name), "$"+strconv.Itoa(i+1)
	}
	ins, err := dst.PrepareContext(ctx, `INSERT INTO `+quote(table)+` (`+strings.Join(names, ", ")+
		`) OVERRIDING SYSTEM VALUE VALUES (`+strings.Join(marks, ", ")+`)`)
	if err != nil {
		return 0, err
	}
	defer ins.Close()
	rows, err = src.QueryContext(ctx, `SELECT `+strings.Join(names, ", ")+` FROM `+quote(table))
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		args := make([]any, len(cols))
		for i, c := range cols {
			v, err := convert(vals[i], c.typ)
			if err != nil {
				return n, fmt.Errorf("column %s: %w", c.name, err)
			}
			args[i] = v
		}
		if _, err := ins.ExecContext(ctx, args...); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}

// convert turns a value read from SQLite into one for a Postgres column of
// type typ (information_schema's data_type).
func convert(v any, typ string) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch typ {
	case "boolean":
		switch x := v.(type) {
		case int64:
			return x != 0, nil
		case bool:
			return x, nil
		case string:
			return strconv.ParseBool(x)
		}
	case "bytea":
		if s, ok := v.(string); ok {
			return []byte(s), nil
		}
	case "text", "character varying", "json", "jsonb":
		if b, ok := v.([]byte); ok {
			return string(b), nil
		}
	case "bigint", "integer", "smallint":
		switch x := v.(type) {
		case bool:
			if x {
				return int64(1), nil
			}
			return int64(0), nil
		case string:
			return strconv.ParseInt(x, 10, 64)
		}
	case "timestamp with time zone", "timestamp without time zone":
		if s, ok := v.(string); ok {
			for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999999-07:00", "2006-01-02 15:04:05.999999999", "2006-01-02 15:04:05"} {
				if t, err := time.Parse(layout, s); err == nil {
					return t, nil
				}
			}
			return nil, fmt.Errorf("time %q not understood", s)
		}
	}
	return v, nil
}

// resetIdentities moves every identity column's sequence past the copied
// ids, so the next ticket gets the next number.
func resetIdentities(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT table_name, column_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND is_identity = 'YES'`)
	if err != nil {
		return err
	}
	var cols [][2]string
	for rows.Next() {
		var t, c string
		if err := rows.Scan(&t, &c); err != nil {
			rows.Close()
			return err
		}
		cols = append(cols, [2]string{t, c})
	}
	rows.Close()
	for _, tc := range cols {
		_, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT MAX(`+quote(tc[1])+`) FROM `+
			quote(tc[0])+`), 0) + 1, false)`, quote(tc[0]), tc[1])
		if err != nil {
			return fmt.Errorf("sequence of %s.%s: %w", tc[0], tc[1], err)
		}
	}
	return nil
}
