package cli

import (
	"context"
	"fmt"
	"runtime/debug"

	"mineaction/internal/geo/geos"
	"mineaction/internal/sqlite"
)

// Version is set at build time with -ldflags "-X mineaction/internal/cli.Version=...".
var Version = ""

func version() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				return "dev-" + s.Value[:12]
			}
		}
	}
	return "dev"
}

func runVersion(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 {
		return usagef("version takes no arguments")
	}
	fmt.Fprintf(e.stdout, "mineaction %s (schema %d, GEOS %s)\n", version(), sqlite.SchemaVersion(), geos.Version())
	return nil
}
