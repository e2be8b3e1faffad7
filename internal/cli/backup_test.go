package cli_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"mineaction/internal/auth"
	"mineaction/internal/mineaction"
	"mineaction/internal/sqlite"
	"mineaction/internal/storetest"
	"mineaction/internal/verify"
	"mineaction/internal/workflow"
)

// TestBackupUnderWriteLoad takes a backup with "mineaction backup" while a
// running server approves reports, restores it with "mineaction restore",
// and checks that the restored database verifies and holds every approval
// acknowledged before the backup began.
func TestBackupUnderWriteLoad(t *testing.T) {
	ctx := context.Background()
	data, store := seededData(t)
	token, _, err := auth.NewService(store, auth.Config{}).CreateToken(ctx, "test", "vera", "backup", nil, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	wf := workflow.New(store, workflow.Config{})
	var ids []int64
	for i := 0; i < 300; i++ {
		x, y := 46.05+float64(i%20)*0.04, 39.55+float64(i/20)*0.05
		feat := fmt.Sprintf(`{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[%g,%g],[%g,%g],[%g,%g],[%g,%g]]]},"properties":{"organisation":"OPA","date_of_information":"2024-01-01","category":"SHA","status":"open","hazard_type":"minefield"}}`,
			x, y, x+0.01, y, x+0.01, y+0.01, x, y)
		r, err := wf.CreateReport(ctx, storetest.Editor, workflow.Input{RecordType: "hazard", Feature: []byte(feat), Submit: true})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	store.Close()

	_, url := startServe(t, data)
	var mu sync.Mutex
	acked := map[int64]bool{}
	work := make(chan int64, len(ids))
	for _, id := range ids {
		work <- id
	}
	close(work)
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range work {
				req, _ := http.NewRequest("POST", fmt.Sprintf("%s/api/v1/reports/%d/approve", url, id), nil)
				req.Header.Set("Authorization", "Bearer "+token)
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode == 200 {
					mu.Lock()
					acked[id] = true
					mu.Unlock()
				}
			}
		}()
	}
	// Start the backup once some approvals are in, while the rest go on.
	for {
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		if n >= 60 {
			break
		}
		runtime.Gosched()
	}
	mu.Lock()
	before := make([]int64, 0, len(acked))
	for id := range acked {
		before = append(before, id)
	}
	mu.Unlock()
	backup := filepath.Join(t.TempDir(), "backup.db")
	out, err := exec.Command(binary(t), "backup", "--data", data, backup).CombinedOutput()
	if err != nil {
		t.Fatalf("backup: %v\n%s", err, out)
	}
	wg.Wait()
	if len(acked) == len(before) {
		t.Log("note: all approvals finished before the backup; the load was light")
	}

	s2 := restore(t, t.TempDir(), backup)
	err = s2.View(ctx, func(tx mineaction.Tx) error {
		for _, id := range before {
			r, err := tx.Report(ctx, id)
			if err != nil {
				return err
			}
			if r.Status != mineaction.StatusApproved {
				return fmt.Errorf("report %d was approved and acknowledged before the backup but is %s in it", id, r.Status)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("backup under load: %d approvals acknowledged before it, %d in all; restored copy verifies", len(before), len(acked))
}

// TestOneProcessPerDataDirectory checks that while a server runs on a data
// directory, a second server, a restore and a demo --force refuse it and
// change nothing (a restore under a running server used to succeed, and
// the server went on writing to the unlinked file: what it acknowledged
// afterwards was lost), and that once the server has stopped the restore
// goes ahead and records itself in the audit chain.
func TestOneProcessPerDataDirectory(t *testing.T) {
	ctx := context.Background()
	data, store := seededData(t)
	store.Close()
	backup := filepath.Join(t.TempDir(), "backup.db")
	if out, err := exec.Command(binary(t), "backup", "--data", data, backup).CombinedOutput(); err != nil {
		t.Fatalf("backup: %v\n%s", err, out)
	}
	// A restore renames a new file over the database, demo --force
	// deletes it: either makes it another file.
	before, err := os.Stat(filepath.Join(data, sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}

	cmd, _ := startServe(t, data)
	for _, args := range [][]string{
		{"serve", "--data", data, "--addr", "127.0.0.1:0"},
		{"restore", "--data", data, backup},
		{"demo", "--data", data, "--scale", "small", "--force"},
	} {
		out, err := exec.Command(binary(t), args...).CombinedOutput()
		if err == nil || !strings.Contains(string(out), "in use by another mineaction process") {
			t.Errorf("%s while a server runs: err %v, output %q; want a refusal", args[0], err, out)
		}
	}
	cmd.Process.Kill()
	cmd.Wait()
	after, err := os.Stat(filepath.Join(data, sqlite.FileName))
	if err != nil || !os.SameFile(before, after) {
		t.Errorf("the refused commands replaced the database file (%v)", err)
	}

	// Once the server has stopped.
	s := restore(t, data, backup)
	err = s.View(ctx, func(tx mineaction.Tx) error {
		last, err := tx.LastAudit(ctx)
		if err != nil {
			return err
		}
		if last.Action != mineaction.AuditRestore || !strings.Contains(last.Detail, "backup.db") {
			return fmt.Errorf("last audit entry %+v, want the restore from backup.db", last)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// restore runs "mineaction restore" of backup into data, and returns the
// restored store (closed when the test ends) once it verifies.
func restore(t *testing.T, data, backup string) mineaction.Store {
	t.Helper()
	if out, err := exec.Command(binary(t), "restore", "--data", data, backup).CombinedOutput(); err != nil {
		t.Fatalf("restore: %v\n%s", err, out)
	}
	ctx := context.Background()
	s, err := sqlite.Open(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	rep, err := verify.Run(ctx, s)
	if err != nil || !rep.OK() {
		t.Fatalf("restored database does not verify: %v %v", err, rep.Problems)
	}
	return s
}
