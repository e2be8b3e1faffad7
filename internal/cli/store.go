package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"mineaction/internal/auth"
	"mineaction/internal/mineaction"
	"mineaction/internal/postgres"
	"mineaction/internal/sqlite"
	"mineaction/internal/workflow"
)

// storeFlags are the flags that choose the database.
type storeFlags struct {
	data string
	db   string
}

func (f *storeFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.data, "data", envOr("DATA", "./mineaction-data"), "data directory of the embedded SQLite database (MINEACTION_DATA)")
	fs.StringVar(&f.db, "db", envOr("DB", ""), "postgres://... to use PostgreSQL/PostGIS instead (MINEACTION_DB)")
}

// open opens the chosen store.
func (f *storeFlags) open(ctx context.Context) (mineaction.Store, error) {
	if f.db != "" {
		if !strings.HasPrefix(f.db, "postgres://") && !strings.HasPrefix(f.db, "postgresql://") {
			return nil, usagef("--db must be a postgres:// URL")
		}
		return openPostgres(ctx, f.db)
	}
	s, err := sqlite.Open(ctx, f.data)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// openExisting opens the chosen store like open, but refuses to create a
// SQLite database where there is none: a command that needs data (a
// token for a user, a backup, a check) run with a mistyped or forgotten
// --data would otherwise leave an empty database behind, which the next
// "make run" would then serve instead of building the demo.
func (f *storeFlags) openExisting(ctx context.Context) (mineaction.Store, error) {
	if f.db == "" {
		if err := needDatabase(f.data); err != nil {
			return nil, err
		}
	}
	return f.open(ctx)
}

// needDatabase fails if the data directory dir holds no database.
func needDatabase(dir string) error {
	_, err := os.Stat(filepath.Join(dir, sqlite.FileName))
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("no database in %s: give --data (or MINEACTION_DATA), or make one with mineaction demo, "+
			"or mineaction user add for an empty one", dir)
	}
	return err
}

// own takes the data directory for this process alone (sqlite.LockDir),
// for the server and for commands that replace the database file. With
// PostgreSQL there is no directory to own: several servers may share one
// database.
func (f *storeFlags) own() (release func(), err error) {
	if f.db != "" {
		return func() {}, nil
	}
	return sqlite.LockDir(f.data)
}

// services builds the workflow and account services on a store.
func services(s mineaction.Store) (*workflow.Service, *auth.Service) {
	return workflow.New(s, workflow.Config{}), auth.NewService(s, auth.Config{})
}

// systemCaller is the command line acting with full rights, for the audit
// log "system".
var systemCaller = auth.Caller{Principal: mineaction.Principal{User: "system", Roles: []mineaction.Role{mineaction.RoleAdmin}}}

func openPostgres(ctx context.Context, url string) (mineaction.Store, error) {
	s, err := postgres.Open(ctx, url)
	if err != nil {
		return nil, err
	}
	return s, nil
}
