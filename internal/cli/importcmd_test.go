package cli_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"mineaction/internal/cli"
	"mineaction/internal/mineaction"
	"mineaction/internal/sqlite"
	"mineaction/internal/storetest"
	"mineaction/internal/verify"
)

// TestImportCommand loads a reference set made by bench/gen_hazards.py
// with "mineaction import --approve", and checks the exit codes and
// messages of the failures.
func TestImportCommand(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Fatal("python3 is missing: it runs bench/gen_hazards.py, the reference data generator")
	}
	dir := t.TempDir()
	out, err := exec.Command(python, "../../bench/gen_hazards.py", "--n", "40", "--name", "t", "--out", dir).CombinedOutput()
	if err != nil {
		t.Fatalf("gen_hazards.py: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`(\d+) releases on`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("gen_hazards.py said %s", out)
	}
	releases, _ := strconv.Atoi(string(m[1]))
	ctx := context.Background()
	data := filepath.Join(dir, "db")
	store, err := sqlite.Open(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	storetest.Seed(t, store)
	err = store.Update(ctx, func(tx mineaction.Tx) error {
		return tx.PutUser(ctx, &mineaction.User{Name: "importer", Organisation: "NMAA", PasswordHash: "-", CreatedAt: time.Unix(0, 0).UTC(),
			Roles: []mineaction.Role{mineaction.RoleAdmin, mineaction.RoleVerifier}})
	})
	store.Close()
	if err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (int, string, string) {
		var o, e bytes.Buffer
		code := cli.Main(append([]string{"import"}, args...), strings.NewReader(""), &o, &e)
		return code, o.String(), e.String()
	}
	hazards, rels := filepath.Join(dir, "hazards_t.geojson"), filepath.Join(dir, "releases_t.geojson")

	if code, _, e := run(hazards, "--releases", rels, "--data", data); code != 2 || !strings.Contains(e, "--releases needs --approve") {
		t.Errorf("--releases without --approve: exit %d %s", code, e)
	}
	if code, _, e := run(hazards, "--approve", "--user", "vera", "--data", data); code != 1 || !strings.Contains(e, "not an administrator") {
		t.Errorf("--approve as a verifier: exit %d %s", code, e)
	}
	b, _ := os.ReadFile(hazards)
	broken := filepath.Join(dir, "broken.geojson")
	os.WriteFile(broken, bytes.Replace(b, []byte(`"type":"SHA"`), []byte(`"type":"XHA"`), 2), 0o644)
	if code, _, e := run(broken, "--approve", "--user", "importer", "--data", data); code != 1 || !regexp.MustCompile(`hazards feature \d+: properties.category`).MatchString(e) ||
		!strings.Contains(e, "nothing was imported") {
		t.Errorf("bad features: exit %d %s", code, e)
	}

	code, o, e := run(hazards, "--releases", rels, "--approve", "--user", "importer", "--data", data)
	if code != 0 || !strings.Contains(o, "imported 40 hazards (HA-000001 to HA-000040) and "+strconv.Itoa(releases)+" activities approved") {
		t.Fatalf("import: exit %d\n%s\n%s", code, o, e)
	}
	if !strings.Contains(e, "properties not imported: rid") && !strings.Contains(e, "hazard_type on 40") {
		t.Errorf("the defaults were not reported: %s", e)
	}
	store, err = sqlite.Open(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	rep, err := verify.Run(ctx, store)
	if err != nil || !rep.OK() {
		t.Fatalf("verify after import: %v %v", err, rep.Problems)
	}
	store.View(ctx, func(tx mineaction.Tx) error {
		h, _ := tx.CountRecords(ctx, mineaction.RecordQuery{Type: mineaction.TypeHazard})
		a, _ := tx.CountRecords(ctx, mineaction.RecordQuery{Type: mineaction.TypeActivity})
		if h != 40 || a != releases {
			t.Errorf("%d hazards and %d activities, want 40 and %d", h, a, releases)
		}
		// Bulk approval is the documented exception to separation of
		// duties (docs/SECURITY.md): the reports say who did both.
		reps, err := tx.Reports(ctx, mineaction.ReportFilter{})
		if err != nil || len(reps) != 40+releases {
			t.Fatalf("%d reports (%v), want %d", len(reps), err, 40+releases)
		}
		for _, r := range reps {
			if r.Status != mineaction.StatusApproved || r.CreatedBy != "importer" || r.DecidedBy != "importer" ||
				len(r.Authors) != 1 || r.Authors[0] != "importer" {
				t.Fatalf("report %d: %s, created by %s, authors %v, decided by %s; want approved, all by importer",
					r.ID, r.Status, r.CreatedBy, r.Authors, r.DecidedBy)
			}
		}
		return nil
	})
}
