package pgtest_test

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"mineaction/internal/pgtest"
)

func TestNewDatabase(t *testing.T) {
	var name string
	t.Run("create", func(t *testing.T) {
		url := pgtest.NewDatabase(t)
		conn, err := pgx.Connect(context.Background(), url)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(context.Background())
		var version string
		err = conn.QueryRow(context.Background(), "SELECT current_database(), postgis_lib_version()").Scan(&name, &version)
		if err != nil {
			t.Fatalf("PostGIS not usable in the new database: %v", err)
		}
		if !strings.HasPrefix(name, "mineaction_test_") {
			t.Errorf("database %q, want a mineaction_test_ name", name)
		}
	})
	if name == "" {
		return // the subtest failed and said why
	}
	// The subtest has ended: its database must be gone.
	conn, err := pgx.Connect(context.Background(), pgtest.ServerURL())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var exists bool
	if err := conn.QueryRow(context.Background(), "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		t.Fatal(err)
	}
	if exists {
		t.Errorf("database %s still exists after its test ended", name)
	}
}

func TestNewDatabaseUnique(t *testing.T) {
	a, b := pgtest.NewDatabase(t), pgtest.NewDatabase(t)
	if a == b {
		t.Errorf("two calls gave the same database %s", a)
	}
}

// TestUnreachableServerFails runs TestNewDatabase in a child process against
// a port where no server listens: it must fail (not skip) and point the
// reader to the setup script.
func TestUnreachableServerFails(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestNewDatabase$", "-test.v")
	cmd.Env = append(os.Environ(), pgtest.EnvVar+"=postgres://postgres@127.0.0.1:1/postgres?sslmode=disable&connect_timeout=5")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("TestNewDatabase passed against an unreachable server:\n%s", out)
	}
	if s := string(out); !strings.Contains(s, "--- FAIL: TestNewDatabase") || !strings.Contains(s, "scripts/setup") || strings.Contains(s, "SKIP") {
		t.Errorf("want a failure naming scripts/setup, got:\n%s", s)
	}
}
