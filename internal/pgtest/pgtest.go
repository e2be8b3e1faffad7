// Package pgtest gives tests a fresh PostgreSQL database with PostGIS on the
// local server, dropped when the test ends.
//
// The server is the one named by MINEACTION_TEST_PG (a postgres:// URL or a
// keyword/value connection string), by default
// postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable. The project's
// setup script (scripts/setup) installs and starts it. Tests that need it fail,
// never skip, when it cannot be reached.
//
// CREATE EXTENSION postgis takes seconds, so it is run once per PostGIS
// version in a template database (mineaction_test_template_postgis_<version>)
// that stays on the server; each test database is a copy of it.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// DefaultURL is the server used when MINEACTION_TEST_PG is not set.
const DefaultURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// EnvVar names the environment variable that overrides DefaultURL.
const EnvVar = "MINEACTION_TEST_PG"

// ServerURL returns the connection string of the test server.
func ServerURL() string {
	if s := os.Getenv(EnvVar); s != "" {
		return s
	}
	return DefaultURL
}

// NewDatabase creates a database with a unique name and the postgis extension
// on the test server, and returns its connection string. The database is
// dropped (with FORCE, closing leftover connections) when t ends. It fails t,
// with a pointer to scripts/setup, if the server cannot be reached.
func NewDatabase(t testing.TB) string {
	t.Helper()
	return NewPreparedDatabase(t, "", nil)
}

// NewPreparedDatabase is NewDatabase from a template that prepare has set up
// once, on a database with PostGIS, for example by applying a schema's
// migrations: copying a prepared template is much faster than preparing
// every database. key names the template (letters, digits and underscores;
// include a digest of what prepare creates, so that a change makes a new
// template). With an empty key, prepare is not called. Templates stay on
// the server for the next runs.
func NewPreparedDatabase(t testing.TB, key string, prepare func(ctx context.Context, url string) error) string {
	t.Helper()
	server := ServerURL()
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	admin, err := pgx.Connect(ctx, server)
	if err != nil {
		t.Fatalf("pgtest: cannot reach the PostgreSQL server at %s: %v\n"+
			"Run the project's setup script (scripts/setup) to install and start PostgreSQL with PostGIS, "+
			"or set %s to a server you can use.", redact(server), err, EnvVar)
	}
	defer admin.Close(context.Background())

	tmpl := template(t, ctx, admin, server)
	if key != "" {
		tmpl = prepared(t, ctx, admin, server, tmpl, key, prepare)
	}
	var suffix [8]byte
	if _, err := rand.Read(suffix[:]); err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	name := "mineaction_test_" + hex.EncodeToString(suffix[:])
	// Copying needs the template to be free of connections: copies and the
	// template's creation take turns under a lock shared by all test processes.
	lock(t, ctx, admin)
	_, err = admin.Exec(ctx, "CREATE DATABASE "+name+" TEMPLATE "+tmpl)
	unlock(t, admin)
	if err != nil {
		t.Fatalf("pgtest: create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		// DROP DATABASE waits for a checkpoint, which takes long on a
		// server busy with many test processes.
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		conn, err := pgx.Connect(ctx, server)
		if err != nil {
			t.Errorf("pgtest: drop database %s: %v", name, err)
			return
		}
		defer conn.Close(context.Background())
		if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("pgtest: drop database %s: %v", name, err)
		}
	})
	dbURL, err := withDatabase(server, name)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	return dbURL
}

// prepared returns the template named by key, made from base by prepare
// if it does not exist yet.
func prepared(t testing.TB, ctx context.Context, admin *pgx.Conn, server, base, key string,
	prepare func(ctx context.Context, url string) error) string {
	t.Helper()
	for _, r := range key {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			t.Fatalf("pgtest: template key %q: use lower-case letters, digits and underscores", key)
		}
	}
	name := "mineaction_test_template_" + key
	if len(name) > 63 {
		t.Fatalf("pgtest: template key %q is too long", key)
	}
	lock(t, ctx, admin)
	defer unlock(t, admin)
	if !freshTemplate(t, ctx, admin, name) {
		return name
	}
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name+" TEMPLATE "+base); err != nil {
		t.Fatalf("pgtest: create template %s: %v", name, err)
	}
	url, err := withDatabase(server, name)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	if err := prepare(ctx, url); err != nil {
		t.Fatalf("pgtest: prepare template %s: %v", name, err)
	}
	// Connections the preparation left would stop the copies.
	if _, err := admin.Exec(ctx, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", name); err != nil {
		t.Fatalf("pgtest: close connections to %s: %v", name, err)
	}
	if _, err := admin.Exec(ctx, "ALTER DATABASE "+name+" IS_TEMPLATE true"); err != nil {
		t.Fatalf("pgtest: mark %s as a template: %v", name, err)
	}
	return name
}

// freshTemplate reports whether the template name must be made: it does
// not exist, or an interrupted run left it unfinished (not marked as a
// template), in which case it is dropped. The lock must be held.
func freshTemplate(t testing.TB, ctx context.Context, admin *pgx.Conn, name string) bool {
	t.Helper()
	var isTemplate bool
	err := admin.QueryRow(ctx, "SELECT datistemplate FROM pg_database WHERE datname = $1", name).Scan(&isTemplate)
	switch {
	case err == nil && isTemplate:
		return false
	case err == nil:
		if _, err := admin.Exec(ctx, "DROP DATABASE "+name+" WITH (FORCE)"); err != nil {
			t.Fatalf("pgtest: drop unfinished template %s: %v", name, err)
		}
	case !errors.Is(err, pgx.ErrNoRows):
		t.Fatalf("pgtest: look up template %s: %v", name, err)
	}
	return true
}

// lockKey is the advisory lock that serialises template creation and copies.
const lockKey = 0x6d696e6561637469 // "mineacti"

func lock(t testing.TB, ctx context.Context, conn *pgx.Conn) {
	t.Helper()
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", int64(lockKey)); err != nil {
		t.Fatalf("pgtest: lock: %v", err)
	}
}

func unlock(t testing.TB, conn *pgx.Conn) {
	t.Helper()
	if _, err := conn.Exec(context.Background(), "SELECT pg_advisory_unlock($1)", int64(lockKey)); err != nil {
		t.Fatalf("pgtest: unlock: %v", err)
	}
}

// template returns the name of the template database with the server's
// default PostGIS version, creating it if needed. A template left unfinished
// (not marked as a template) by an interrupted run is made again.
func template(t testing.TB, ctx context.Context, admin *pgx.Conn, server string) string {
	t.Helper()
	var version string
	err := admin.QueryRow(ctx, "SELECT default_version FROM pg_available_extensions WHERE name = 'postgis'").Scan(&version)
	if err != nil {
		t.Fatalf("pgtest: PostGIS is not available on the server at %s: %v\n"+
			"Run the project's setup script (scripts/setup) to install PostGIS.", redact(server), err)
	}
	name := "mineaction_test_template_postgis_" + strings.NewReplacer(".", "_", "-", "_").Replace(version)
	lock(t, ctx, admin)
	defer unlock(t, admin)
	if !freshTemplate(t, ctx, admin, name) {
		return name
	}
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("pgtest: create template %s: %v", name, err)
	}
	url, err := withDatabase(server, name)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatalf("pgtest: connect to template %s: %v", name, err)
	}
	_, err = conn.Exec(ctx, "CREATE EXTENSION postgis")
	conn.Close(context.Background())
	if err != nil {
		t.Fatalf("pgtest: create extension postgis in %s: %v\n"+
			"Run the project's setup script (scripts/setup) to install PostGIS.", name, err)
	}
	if _, err := admin.Exec(ctx, "ALTER DATABASE "+name+" IS_TEMPLATE true"); err != nil {
		t.Fatalf("pgtest: mark %s as a template: %v", name, err)
	}
	return name
}

// withDatabase returns the connection string server with its database
// replaced by name.
func withDatabase(server, name string) (string, error) {
	if strings.HasPrefix(server, "postgres://") || strings.HasPrefix(server, "postgresql://") {
		u, err := url.Parse(server)
		if err != nil {
			return "", fmt.Errorf("parse %s: %w", EnvVar, err)
		}
		u.Path = "/" + name
		return u.String(), nil
	}
	// keyword/value form: a later keyword overrides an earlier one
	return server + " dbname=" + name, nil
}

// redact hides the password of a URL-style connection string.
func redact(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	return u.Redacted()
}
