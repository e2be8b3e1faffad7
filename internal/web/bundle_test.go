package web

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// sourceHash computes what web/sources.sh prints: the SHA-256 of the
// sorted "sha256  path" lines of the front-end sources.
func sourceHash(t *testing.T, root string) string {
	t.Helper()
	files := []string{"web/package-lock.json", "web/build.mjs"}
	err := filepath.WalkDir(filepath.Join(root, "web", "src"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(root, path)
		files = append(files, filepath.ToSlash(rel))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	var lines strings.Builder
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		fmt.Fprintf(&lines, "%s  %s\n", hex.EncodeToString(sum[:]), f)
	}
	sum := sha256.Sum256([]byte(lines.String()))
	return hex.EncodeToString(sum[:])
}

// TestBundleUpToDate fails when the front-end sources changed after the
// committed bundle was built: run web/bundle.sh (or make build).
func TestBundleUpToDate(t *testing.T) {
	a := mustAssets()
	if a.SourceHash == "" {
		t.Fatal("the bundle is missing: run web/bundle.sh")
	}
	if got := sourceHash(t, filepath.Join("..", "..")); got != a.SourceHash {
		t.Fatalf("the bundle was built from other sources (manifest %s, sources %s): run web/bundle.sh and commit internal/web/static/dist", a.SourceHash, got)
	}
	for _, name := range []string{"map.js", "record.js", "edit.js", "dashboard.js", "app.css", "maplibre-worker.js"} {
		if _, ok := a.names[name]; !ok {
			t.Errorf("the bundle has no %s", name)
		}
	}
}

// TestBundleSize keeps the JavaScript under 1.5 MB compressed, as the
// pages must load on a field office's link.
func TestBundleSize(t *testing.T) {
	a := mustAssets()
	var total int
	err := fs.WalkDir(a.dist, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(path, ".js.gz") {
			return err
		}
		b, err := fs.ReadFile(a.dist, path)
		total += len(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if total == 0 || total > 1500*1000 {
		t.Fatalf("the bundled JavaScript is %d bytes gzipped; it must be above 0 and under 1.5 MB", total)
	}
	t.Logf("bundled JavaScript: %d bytes gzipped", total)
}
