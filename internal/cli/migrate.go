package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/term"

	"mineaction/internal/migrate"
	"mineaction/internal/postgres"
	"mineaction/internal/sqlite"
)

// errMigrate is returned when the copy differs from the original (exit 1).
var errMigrate = errors.New("the copy differs from the original")

func runMigrate(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "migrate")
	from := fs.String("from", "", "data directory of the SQLite database to copy")
	to := fs.String("to", "", "postgres://... URL of an empty PostgreSQL/PostGIS database to copy it into")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("unexpected argument %q", rest[0])
	}
	if *from == "" || *to == "" {
		return usagef("give --from DIR (the SQLite data directory) and --to postgres://... (an empty database)")
	}
	if !strings.HasPrefix(*to, "postgres://") && !strings.HasPrefix(*to, "postgresql://") {
		return usagef("--to must be a postgres:// URL")
	}
	if _, err := os.Stat(filepath.Join(*from, sqlite.FileName)); err != nil {
		return fmt.Errorf("no database in %s: %w", *from, err)
	}
	if err := needDatabase(*from); err != nil {
		return err
	}
	src, err := sqlite.Open(ctx, *from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := postgres.Open(ctx, *to)
	if err != nil {
		return err
	}
	defer dst.Close()
	start := time.Now()
	if err := migrate.Copy(ctx, src, dst, copyProgress(e.stderr)); err != nil {
		return err
	}
	copied := time.Since(start)
	fmt.Fprintf(e.stdout, "copied %s into PostgreSQL in %.1f s; checking the copy\n", *from, copied.Seconds())
	rep, err := migrate.Check(ctx, src, dst, nil)
	if err != nil {
		return err
	}
	printMigration(e.stdout, rep, time.Since(start)-copied)
	if !rep.OK() {
		fmt.Fprintf(e.stdout, "FIRST DIFFERENCE: %s\n", rep.Differences[0])
		for _, d := range rep.Differences[1:] {
			fmt.Fprintf(e.stdout, "  %s\n", d)
		}
		return fmt.Errorf("%w: %d difference(s)", errMigrate, len(rep.Differences))
	}
	fmt.Fprintln(e.stdout, "ok: verify passes on the copy, and it holds the same rows, versions, audit chain and national figures")
	return nil
}

func printMigration(w io.Writer, rep *migrate.Report, took time.Duration) {
	var rows []string
	for _, t := range migrate.Tables {
		rows = append(rows, fmt.Sprintf("%s %d", t, rep.Rows[t]))
	}
	fmt.Fprintf(w, "rows: %s\n", strings.Join(rows, ", "))
	v := rep.Verify
	fmt.Fprintf(w, "verify on the copy: %d audit entries, %d records, %d versions, %d hazards, %d problems\n",
		v.AuditEntries, v.Records, v.Versions, v.Hazards, len(v.Problems))
	fmt.Fprintf(w, "compared %d version hashes", rep.Versions)
	if rep.Head != nil {
		fmt.Fprintf(w, " and the audit chain head (entry %d, %.16s...)", rep.Head.Seq, rep.Head.Hash)
	}
	fmt.Fprintln(w)
	for i, d := range rep.Dates {
		s := rep.Summaries[i]
		fmt.Fprintf(w, "  as of %s: %d hazards, %.4f m² remaining, %d casualties (%d killed), %d items found\n",
			d, s.Hazards.Count, s.Hazards.RemainingM2, s.Casualties.Total, s.Casualties.Killed, s.Finds.Items)
	}
	fmt.Fprintf(w, "checked in %.1f s\n", took.Seconds())
}

// copyProgress shows each table's rows on a terminal in place, and
// otherwise a line per table.
func copyProgress(w io.Writer) migrate.Progress {
	tty := false
	if f, ok := w.(*os.File); ok {
		tty = term.IsTerminal(int(f.Fd()))
	}
	start := time.Now()
	return func(table string, done, total int) {
		switch {
		case tty:
			fmt.Fprintf(w, "\r%-15s %8d / %-8d %6.1fs", table, done, total, time.Since(start).Seconds())
			if done >= total {
				fmt.Fprintln(w)
			}
		case done >= total:
			fmt.Fprintf(w, "migrate: %s %d rows\n", table, total)
		}
	}
}
