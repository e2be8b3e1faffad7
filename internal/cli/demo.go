package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/term"

	"mineaction/internal/auth"
	"mineaction/internal/demo"
	"mineaction/internal/mineaction"
	"mineaction/internal/sqlite"
	"mineaction/internal/workflow"
)

func runDemo(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "demo")
	var sf storeFlags
	sf.register(fs)
	scale := fs.String("scale", "national", "size: small (seconds, for tests), national (the default), large (ten times national)")
	seed := fs.Int64("seed", 1, "seed of the generator: the same seed gives the same records")
	force := fs.Bool("force", false, "delete an existing SQLite database in --data first")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("unexpected argument %q", rest[0])
	}
	switch demo.Scale(*scale) {
	case demo.Small, demo.National, demo.Large:
	default:
		return usagef("--scale must be small, national or large")
	}
	release, err := sf.own()
	if err != nil {
		return err
	}
	defer release()
	if *force {
		if sf.db != "" {
			return usagef("--force only deletes SQLite databases; drop and recreate the PostgreSQL database yourself")
		}
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(filepath.Join(sf.data, sqlite.FileName+suffix))
		}
	}
	store, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	var n int
	err = store.View(ctx, func(tx mineaction.Tx) error {
		var err error
		n, err = tx.CountRecords(ctx, mineaction.RecordQuery{IncludeDeleted: true})
		return err
	})
	if err != nil {
		return err
	}
	if n > 0 {
		return fmt.Errorf("the database already holds %d records; use a new --data directory, or --force to replace it", n)
	}
	wf := workflow.New(store, workflow.Config{})
	sum, err := demo.Build(ctx, store, wf, demo.Options{Seed: *seed, Scale: demo.Scale(*scale),
		HashPassword: auth.HashPassword, Progress: progress(e.stderr)})
	if err != nil {
		return err
	}
	printSummary(e.stdout, sum)
	return nil
}

// progress reports stages on a terminal in place, and otherwise one line
// per stage and tenth.
func progress(w io.Writer) func(stage string, done, total int) {
	tty := false
	if f, ok := w.(*os.File); ok {
		tty = term.IsTerminal(int(f.Fd()))
	}
	last, lastTenth := "", -1
	start := time.Now()
	return func(stage string, done, total int) {
		tenth := 0
		if total > 0 {
			tenth = done * 10 / total
		}
		if tty {
			fmt.Fprintf(w, "\r%-14s %7d / %-7d %5.1fs", stage, done, total, time.Since(start).Seconds())
			if done >= total {
				fmt.Fprintln(w)
			}
			return
		}
		if stage != last || tenth != lastTenth {
			fmt.Fprintf(w, "demo: %s %d/%d\n", stage, done, total)
			last, lastTenth = stage, tenth
		}
	}
}

func printSummary(w io.Writer, s *demo.Summary) {
	fmt.Fprintf(w, "%s\n\n", s.Notice)
	c := s.Counts
	fmt.Fprintf(w, "Built the %s demo (seed %d) in %.1f s through %d approved reports:\n", s.Scale, s.Seed, s.Elapsed.Seconds(), s.Reports)
	fmt.Fprintf(w, "  %d admin areas, %d places, %d organisations, %d ordnance types\n", c.AdminAreas, c.Places, c.Organisations, c.Ordnance)
	fmt.Fprintf(w, "  %d hazardous areas (%d versions), %d activities, %d finds (%d items)\n", c.Hazards, c.HazardVersions, c.Activities, c.Finds, c.FindItems)
	fmt.Fprintf(w, "  %d accidents, %d victims, %d risk education sessions (%d people), %d QM visits, %d tasks\n",
		c.Accidents, c.Victims, c.Sessions, c.Beneficiaries, c.QMVisits, c.Tasks)
	if s.Pending > 0 {
		fmt.Fprintf(w, "  and %d reports still in the works, for the review queue (sign in as verifier)\n", s.Pending)
	}
	fmt.Fprintf(w, "\nNational figures computed from the records (territory %.2f km²):\n", s.TerritoryM2/1e6)
	for _, f := range s.Figures {
		fmt.Fprintf(w, "  as of %s: %d hazards, %.1f km² remaining = %.2f%% of the territory; %d casualties, %d killed\n",
			f.AsOf, f.Hazards, f.RemainingM2/1e6, 100*f.ContaminatedShare, f.Casualties, f.Killed)
	}
	fmt.Fprintf(w, "\nDemo accounts (password for all: %s):\n", s.Password)
	for _, u := range s.Users {
		roles := make([]string, len(u.Roles))
		for i, r := range u.Roles {
			roles[i] = string(r)
		}
		fmt.Fprintf(w, "  %-22s %-28s %s\n", u.Name, strings.Join(roles, ","), u.Purpose)
	}
}
