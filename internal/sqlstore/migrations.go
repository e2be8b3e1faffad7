// Package sqlstore holds what the two SQL stores (internal/sqlite and
// internal/postgres) share: reading their embedded schema migrations, and
// converting geometry columns (WKB and the exact bounding box columns).
package sqlstore

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
)

// Migrations are files named NNNN_what.sql, numbered from 1 without gaps,
// applied in order. Each store applies them in its own database's
// transactions and keeps the version its own way (SQLite's user_version,
// a PostgreSQL table).

// Migration is one numbered schema change.
type Migration struct {
	Version int
	Name    string // the file name, as given in errors
	SQL     string
}

// Load reads the migrations in directory dir of fsys, in order, and
// refuses a name without a number or a gap in the numbering.
func Load(fsys fs.FS, dir string) ([]Migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var out []Migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number", e.Name())
		}
		b, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{v, e.Name(), string(b)})
	}
	slices.SortFunc(out, func(a, b Migration) int { return a.Version - b.Version })
	for i, m := range out {
		if m.Version != i+1 {
			return nil, fmt.Errorf("migration %s: expected number %d", m.Name, i+1)
		}
	}
	return out, nil
}
