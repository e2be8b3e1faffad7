package ogctest

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
	"mineaction/internal/storetest"
	"mineaction/internal/workflow"
)

// TestCancelledClients sends bursts of heavy requests and abandons them at
// every stage: before the answer, after its headers, after the first bytes.
// Afterwards the server must still answer every request, many at once,
// with the right content: no database connection, transaction or
// goroutine may be left holding what others need. (pg_featureserv 1.3.1
// was seen to stop answering for good after one such burst.)
func TestCancelledClients(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		e := newEnv(t, open).with(t)
		// More hazards, so that pages and tiles take a while to make.
		var ins []workflow.Input
		for i := 0; i < 300; i++ {
			x, y := 46.02+float64(i%40)*0.024, 39.52+float64(i/40)*0.12
			h := &hazardSpec{category: "SHA", status: "open", doi: "2024-01-01", name: fmt.Sprintf("load %d", i)}
			ins = append(ins, workflow.Input{RecordType: "hazard", Feature: featureJSON(square(x, y, 0.008), h.props())})
		}
		if _, err := e.wf.SubmitAndApprove(context.Background(), storetest.Editor, storetest.Admin, ins); err != nil {
			t.Fatal(err)
		}
		heavy := []string{
			"/ogcapi/collections/hazards/items?limit=10000",
			"/ogcapi/collections/hazards/items?limit=10000&crs=" + utm38,
			"/ogcapi/collections/hazards/items?limit=5000&f=html",
			"/ogcapi/collections/hazards/items?limit=10000&filter=" + "status%20%3D%20%27open%27%20AND%20S_INTERSECTS(geometry%2C%20BBOX(46%2C39.5%2C47%2C40.5))",
			"/ogcapi/tiles/WebMercatorQuad/6/24/40",
			"/ogcapi/collections/releases/items?limit=10000",
			"/ogcapi/collections",
		}
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
		get := func(ctx context.Context, path string, fresh bool) (*http.Response, error) {
			req, err := http.NewRequestWithContext(ctx, "GET", e.url+path, nil)
			if err != nil {
				return nil, err
			}
			req.Header.Set("Authorization", "Bearer "+e.tokens["donor"])
			if fresh {
				req.Header.Set("Cache-Control", "no-cache")
			}
			return client.Do(req)
		}
		// The burst: 32 clients, each abandoning 12 requests at one of
		// three stages.
		var wg sync.WaitGroup
		for c := 0; c < 32; c++ {
			wg.Add(1)
			go func(c int) {
				defer wg.Done()
				for i := 0; i < 12; i++ {
					ctx, cancel := context.WithCancel(context.Background())
					path := heavy[(c+i)%len(heavy)]
					switch (c + i) % 3 {
					case 0: // before any answer
						go cancel()
						if resp, err := get(ctx, path, true); err == nil {
							resp.Body.Close()
						}
					case 1: // after the headers
						if resp, err := get(ctx, path, true); err == nil {
							cancel()
							resp.Body.Close()
						}
					case 2: // after the first bytes
						if resp, err := get(ctx, path, true); err == nil {
							io.ReadFull(resp.Body, make([]byte, 64))
							cancel()
							resp.Body.Close()
						}
					}
					cancel()
				}
			}(c)
		}
		wg.Wait()

		// Every request now gets its whole answer, 32 at a time. The
		// deadline only keeps a wedged server from hanging the test run.
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		want := map[string]int{}
		for _, p := range heavy {
			resp, err := get(ctx, p, false)
			if err != nil {
				t.Fatalf("after the burst, %s: %v", p, err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Fatalf("after the burst, %s: %d %.200s", p, resp.StatusCode, b)
			}
			want[p] = len(b)
		}
		errs := make(chan error, 32*len(heavy))
		for c := 0; c < 32; c++ {
			wg.Add(1)
			go func(c int) {
				defer wg.Done()
				for _, p := range heavy {
					resp, err := get(ctx, p, c%2 == 0)
					if err != nil {
						errs <- fmt.Errorf("%s: %w", p, err)
						continue
					}
					b, err := io.ReadAll(resp.Body)
					resp.Body.Close()
					if err != nil || resp.StatusCode != 200 || (len(b) != want[p] && p != "/ogcapi/collections/hazards/items?limit=5000&f=html") {
						errs <- fmt.Errorf("%s: %d, %d bytes of %d, %v", p, resp.StatusCode, len(b), want[p], err)
					}
				}
			}(c)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		if r := e.do("", "GET", "/readyz", nil); r.status != 200 {
			t.Errorf("readyz %d", r.status)
		}
		var n int
		if err := e.store.View(ctx, func(tx mineaction.Tx) error {
			var err error
			n, err = tx.CountRecords(ctx, mineaction.RecordQuery{Type: mineaction.TypeHazard, BBox: &geo.BBox{MinX: 46, MinY: 39.5, MaxX: 47, MaxY: 40.5}})
			return err
		}); err != nil || n != numHazards+300 {
			t.Errorf("the store after the burst: %d hazards, %v", n, err)
		}
	})
}
