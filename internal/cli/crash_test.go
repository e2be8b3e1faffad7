package cli_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"mineaction/internal/auth"
	"mineaction/internal/mineaction"
	"mineaction/internal/sqlite"
	"mineaction/internal/storetest"
	"mineaction/internal/verify"
	"mineaction/internal/workflow"
)

// buildBinary compiles the mineaction command once per test run.
var buildBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "mineaction-bin")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "mineaction")
	out, err := exec.Command("go", "build", "-o", bin, "mineaction/cmd/mineaction").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v: %s", err, out)
	}
	return bin, nil
})

func binary(t *testing.T) string {
	t.Helper()
	bin, err := buildBinary()
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

// seededData returns a new data directory holding the conformance suite's
// seed data, and the store open on it (the caller closes it, to let a
// server have the directory).
func seededData(t *testing.T) (string, *sqlite.Store) {
	t.Helper()
	data := t.TempDir()
	store, err := sqlite.Open(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	storetest.Seed(t, store)
	return data, store
}

// startServe runs "mineaction serve" on a random port and returns its URL.
func startServe(t *testing.T, data string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(binary(t), "serve", "--data", data, "--addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "MINEACTION_LOG_LEVEL=warn")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("serve did not start: %v", err)
	}
	i := strings.Index(line, "http://")
	if i < 0 {
		t.Fatalf("unexpected first line %q", line)
	}
	go io.Copy(io.Discard, stdout)
	return cmd, strings.TrimRight(strings.TrimSpace(line[i:]), "/")
}

// TestKillDuringApprovals approves reports over HTTP from several clients,
// kills the server with SIGKILL in the middle, and checks that the database
// opens, verifies, and holds every approval that was acknowledged.
func TestKillDuringApprovals(t *testing.T) {
	ctx := context.Background()
	data, store := seededData(t)
	accounts := auth.NewService(store, auth.Config{})
	token, _, err := accounts.CreateToken(ctx, "test", "vera", "crash", nil, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	wf := workflow.New(store, workflow.Config{})
	const n = 400
	ids := make([]int64, 0, n)
	for i := 0; i < n; i++ {
		x, y := 46.05+float64(i%20)*0.04, 39.55+float64(i/20)*0.04
		feat := fmt.Sprintf(`{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[%g,%g],[%g,%g],[%g,%g],[%g,%g],[%g,%g]]]},"properties":{"organisation":"OPA","date_of_information":"2024-01-01","category":"SHA","status":"open","hazard_type":"minefield"}}`,
			x, y, x+0.01, y, x+0.01, y+0.01, x, y+0.01, x, y)
		r, err := wf.CreateReport(ctx, storetest.Editor, workflow.Input{RecordType: "hazard", Feature: []byte(feat), Submit: true})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	store.Close()

	cmd, url := startServe(t, data)
	var mu sync.Mutex
	acked := map[int64]bool{}
	work := make(chan int64)
	var wg sync.WaitGroup
	killed := make(chan struct{})
	var once sync.Once
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range work {
				req, _ := http.NewRequest("POST", fmt.Sprintf("%s/api/v1/reports/%d/approve", url, id), nil)
				req.Header.Set("Authorization", "Bearer "+token)
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					continue // the server is gone
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode == 200 {
					mu.Lock()
					acked[id] = true
					if len(acked) == n/3 {
						once.Do(func() {
							cmd.Process.Signal(syscall.SIGKILL)
							close(killed)
						})
					}
					mu.Unlock()
				}
			}
		}()
	}
	for _, id := range ids {
		select {
		case work <- id:
		case <-killed:
		}
	}
	close(work)
	wg.Wait()
	cmd.Wait()
	if len(acked) < n/3 {
		t.Fatalf("only %d approvals acknowledged before the kill", len(acked))
	}

	store, err = sqlite.Open(ctx, data)
	if err != nil {
		t.Fatalf("the database does not open after the kill: %v", err)
	}
	defer store.Close()
	rep, err := verify.Run(ctx, store)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() {
		t.Fatalf("verify after the kill: %v", rep.Problems)
	}
	missing := 0
	err = store.View(ctx, func(tx mineaction.Tx) error {
		for id := range acked {
			r, err := tx.Report(ctx, id)
			if err != nil {
				return err
			}
			if r.Status != mineaction.StatusApproved || r.RecordHID == "" {
				missing++
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if missing > 0 {
		t.Fatalf("%d of %d acknowledged approvals are missing after the kill", missing, len(acked))
	}
	t.Logf("%d approvals acknowledged before SIGKILL, all present; verify ok over %d records", len(acked), rep.Records)
}
