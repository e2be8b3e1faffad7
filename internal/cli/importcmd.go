package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"golang.org/x/term"

	"mineaction/internal/auth"
	"mineaction/internal/exchange"
	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
)

// runImport loads a legacy baseline of hazardous areas (and the land
// released from them) from GeoJSON: see package exchange for the property
// names it reads.
func runImport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "import")
	var sf storeFlags
	sf.register(fs)
	releases := fs.String("releases", "", "GeoJSON of released polygons keyed by hazard id; each becomes an activity (needs --approve)")
	approve := fs.Bool("approve", false, "approve every report through the normal approval path (the user must be an administrator)")
	user := fs.String("user", envOr("IMPORT_USER", "admin"), "the user who enters the reports, and approves them with --approve (MINEACTION_IMPORT_USER)")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usagef("usage: mineaction import FILE.geojson [--releases FILE.geojson] [--approve] [--user NAME] [--data DIR | --db URL]")
	}
	if *releases != "" && !*approve {
		return usagef("--releases needs --approve: an activity can only name an approved hazard")
	}
	store, err := sf.openExisting(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	caller, opt, err := importContext(ctx, store, *user)
	if err != nil {
		return err
	}
	if *approve && !caller.Has(mineaction.RoleAdmin) {
		return fmt.Errorf("--approve: %s is not an administrator", *user)
	}
	hf, err := os.Open(rest[0])
	if err != nil {
		return err
	}
	defer hf.Close()
	var rf io.Reader
	if *releases != "" {
		f, err := os.Open(*releases)
		if err != nil {
			return err
		}
		defer f.Close()
		rf = f
	}
	start := time.Now()
	b, err := exchange.ReadBaseline(hf, rf, opt)
	var fe exchange.FeatureErrors
	if errors.As(err, &fe) {
		for _, f := range fe {
			fmt.Fprintln(e.stderr, f.String())
		}
		return fmt.Errorf("%d bad feature(s); nothing was imported", len(fe))
	}
	if err != nil {
		return err
	}
	reportDefaults(e, b)
	wf, _ := services(store)
	res, err := exchange.Import(ctx, wf, caller, caller, *approve, b, progressBar(e, "importing"))
	if errors.As(err, &fe) {
		for _, f := range fe {
			fmt.Fprintln(e.stderr, f.String())
		}
		return fmt.Errorf("nothing was imported")
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "imported %s in %s\n", res, time.Since(start).Round(time.Millisecond))
	return nil
}

// importContext finds the importing user and what reading needs: the
// user's organisation, the admin areas and the validation rules.
func importContext(ctx context.Context, store mineaction.Store, name string) (auth.Caller, exchange.Options, error) {
	var c auth.Caller
	var opt exchange.Options
	err := store.View(ctx, func(tx mineaction.Tx) error {
		u, err := tx.User(ctx, name)
		if err != nil {
			return fmt.Errorf("no user %q: create one with mineaction user add", name)
		}
		c = auth.Caller{Principal: mineaction.Principal{User: u.Name, Organisation: u.Organisation, Roles: u.Roles}}
		if u.Organisation != "" {
			o, err := tx.Organisation(ctx, u.Organisation)
			if err != nil {
				return err
			}
			c.OrgKind = o.Kind
		}
		if opt.AdminAreas, err = tx.AdminAreas(ctx); err != nil {
			return err
		}
		area := geo.EmptyBBox()
		if country, err := tx.Country(ctx); err == nil {
			area = country.Geometry.Bounds()
		}
		opt.Rules = mineaction.Rules{ServiceArea: area, Today: mineaction.DateOf(time.Now())}
		opt.Organisation = u.Organisation
		return nil
	})
	return c, opt, err
}

// reportDefaults says which defaults were applied and which properties
// were not read, so that nothing is assumed silently.
func reportDefaults(e *env, b *exchange.Baseline) {
	counts := map[string]int{}
	for _, h := range b.Hazards {
		for _, d := range h.Defaulted {
			counts[d]++
		}
	}
	var parts []string
	for k, n := range counts {
		parts = append(parts, fmt.Sprintf("%s on %d", k, n))
	}
	sort.Strings(parts)
	if len(parts) > 0 {
		fmt.Fprintf(e.stderr, "defaults applied (see docs/GIS-CLIENTS.md, \"Loading a baseline\"): %s\n", strings.Join(parts, ", "))
	}
	var ignored []string
	for k, n := range b.Ignored {
		ignored = append(ignored, fmt.Sprintf("%s (%d)", k, n))
	}
	sort.Strings(ignored)
	if len(ignored) > 0 {
		fmt.Fprintf(e.stderr, "properties not imported: %s\n", strings.Join(ignored, ", "))
	}
}

// progressBar returns a progress function that draws a bar on a terminal,
// and nil elsewhere.
func progressBar(e *env, label string) func(done, total int) {
	f, ok := e.stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return func(done, total int) {
		const width = 40
		filled := 0
		if total > 0 {
			filled = done * width / total
		}
		fmt.Fprintf(f, "\r%s [%s%s] %d/%d", label, strings.Repeat("#", filled), strings.Repeat(".", width-filled), done, total)
		if done == total {
			fmt.Fprintln(f)
		}
	}
}
