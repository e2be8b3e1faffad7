// Package storetest holds what the store tests share: the conformance suite
// that every mineaction.Store implementation must pass, the list of stores
// the tests run against (SQLite always, PostgreSQL/PostGIS too), and a small
// seeded world of reference data, users and accounts for tests.
package storetest

import (
	"context"
	"net/url"
	"testing"

	"mineaction/internal/mineaction"
	"mineaction/internal/pgtest"
	"mineaction/internal/postgres"
	"mineaction/internal/sqlite"
)

// Opener opens a fresh, empty store for one test.
type Opener struct {
	Name string
	Open func(t testing.TB) mineaction.Store
}

// SQLite opens a new SQLite database in a temporary directory.
func SQLite(t testing.TB) mineaction.Store {
	s, err := sqlite.Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatalf("open sqlite: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Postgres opens the PostgreSQL/PostGIS store on a new database of the test
// server (see internal/pgtest), dropped when the test ends. The database is
// a copy of a template on which the store's migrations have been applied.
func Postgres(t testing.TB) mineaction.Store {
	url := pgtest.NewPreparedDatabase(t, "schema_"+postgres.SchemaDigest()[:16]+"_4326", func(ctx context.Context, url string) error {
		s, err := postgres.Open(ctx, url)
		if err != nil {
			return err
		}
		defer s.Close()
		// The store only uses SRID 4326: dropping the other 8000 reference
		// systems halves the template, and every copy takes half the time.
		if _, err := s.Pool().Exec(ctx, "DELETE FROM spatial_ref_sys WHERE srid <> 4326"); err != nil {
			return err
		}
		_, err = s.Pool().Exec(ctx, "VACUUM FULL spatial_ref_sys")
		return err
	})
	// Tests may keep hundreds of stores open until they end: idle
	// connections are closed within seconds so that the server's
	// max_connections is never reached.
	s, err := postgres.Open(context.Background(), withParams(url, "pool_max_conn_idle_time", "2s", "pool_health_check_period", "1s"))
	if err != nil {
		t.Fatalf("open postgres: %v", err)
	}
	// Registered after the database's own cleanup, so it runs before it.
	t.Cleanup(func() { s.Close() })
	return s
}

// withParams adds connection parameters to a postgres:// URL or a
// keyword/value connection string.
func withParams(conn string, kv ...string) string {
	u, err := url.Parse(conn)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		for i := 0; i+1 < len(kv); i += 2 {
			conn += " " + kv[i] + "=" + kv[i+1]
		}
		return conn
	}
	q := u.Query()
	for i := 0; i+1 < len(kv); i += 2 {
		q.Set(kv[i], kv[i+1])
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// Openers returns the stores every store-dependent test runs against.
func Openers() []Opener {
	return []Opener{{Name: "sqlite", Open: SQLite}, {Name: "postgres", Open: Postgres}}
}

// ForEach runs f as a subtest once per store.
func ForEach(t *testing.T, f func(t *testing.T, open func(testing.TB) mineaction.Store)) {
	for _, o := range Openers() {
		t.Run(o.Name, func(t *testing.T) { f(t, o.Open) })
	}
}
