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
	server := ServerURL()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	admin, err := pgx.Connect(ctx, server)
	if err != nil {
		t.Fatalf("pgtest: cannot reach the PostgreSQL server at %s: %v\n"+
			"Run the project's setup script (scripts/setup) to install and start PostgreSQL with PostGIS, "+
			"or set %s to a server you can use.", redact(server), err, EnvVar)
	}
	defer admin.Close(context.Background())

	tmpl := template(t, ctx, admin, server)
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
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
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
	var isTemplate bool
	err = admin.QueryRow(ctx, "SELECT datistemplate FROM pg_database WHERE datname = $1", name).Scan(&isTemplate)
	switch {
	case err == nil && isTemplate:
		return name
	case err == nil:
		if _, err := admin.Exec(ctx, "DROP DATABASE "+name+" WITH (FORCE)"); err != nil {
			t.Fatalf("pgtest: drop unfinished template %s: %v", name, err)
		}
	case !errors.Is(err, pgx.ErrNoRows):
		t.Fatalf("pgtest: look up template %s: %v", name, err)
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
