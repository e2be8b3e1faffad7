package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mineaction/internal/cli"
	"mineaction/internal/sqlite"
)

// TestServeRefusesBadOrigins checks that serve names a bad --cors-origins
// entry and exits 2 before opening anything.
func TestServeRefusesBadOrigins(t *testing.T) {
	for _, bad := range []string{"maps.example.org", "https://maps.example.org/path", "ftp://x.example", "https://", "https://u@x.example"} {
		var o, e bytes.Buffer
		code := cli.Main([]string{"serve", "--data", t.TempDir(), "--cors-origins", "https://ok.example," + bad}, strings.NewReader(""), &o, &e)
		if code != 2 || !strings.Contains(e.String(), "--cors-origins") || !strings.Contains(e.String(), bad) {
			t.Errorf("--cors-origins %q: exit %d, %q", bad, code, e.String())
		}
	}
}

// TestCommandsNeedADatabase checks that the commands that need data refuse
// a data directory without a database, say what to do, and leave no empty
// database behind (which "make run" would then serve instead of building
// the demo).
func TestCommandsNeedADatabase(t *testing.T) {
	for _, args := range [][]string{
		{"token", "create", "viewer"},
		{"verify"},
		{"backup", filepath.Join(t.TempDir(), "b.db")},
		{"import", "nothing.geojson"},
		{"migrate", "--to", "postgres://127.0.0.1:1/none"},
	} {
		dir := filepath.Join(t.TempDir(), "data")
		flag := "--data"
		if args[0] == "migrate" {
			flag = "--from"
		}
		var o, e bytes.Buffer
		code := cli.Main(append(args, flag, dir), strings.NewReader(""), &o, &e)
		if code == 0 || !strings.Contains(e.String(), "no database in "+dir) {
			t.Errorf("%s: exit %d, %q; want a refusal naming %s", args[0], code, e.String(), dir)
		}
		if _, err := os.Stat(filepath.Join(dir, sqlite.FileName)); err == nil {
			t.Errorf("%s left a database in %s", args[0], dir)
		}
	}
}
