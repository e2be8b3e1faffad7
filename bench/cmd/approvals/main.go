// Command approvals measures approvals per second through the HTTP API of a
// running "mineaction serve": as an editor it creates N submitted reports
// (untimed), then as a verifier it approves them from C concurrent clients
// and prints the rate and the latency of one approval.
//
//	approvals -url http://127.0.0.1:8080 -editor TOKEN -verifier TOKEN -org ANAMA -kind hazard -n 400 -c 8
//
// With -kind activity it first creates and approves N/4 hazards (untimed)
// and then times the approval of N activities, each clearing a square of
// one of them, so that each approval updates a hazard's land release
// accounting. Reports are placed on a grid from -x0, -y0 (inside the
// country: the server checks it) that no other run of the same -seed uses.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"sync"
	"time"
)

func main() {
	var cfg config
	flag.StringVar(&cfg.url, "url", "http://127.0.0.1:8080", "base URL of the server")
	flag.StringVar(&cfg.editor, "editor", "", "API token of an editor of -org")
	flag.StringVar(&cfg.verifier, "verifier", "", "API token of a verifier")
	flag.StringVar(&cfg.org, "org", "ANAMA", "organisation of the reports")
	flag.StringVar(&cfg.kind, "kind", "hazard", "what is approved: hazard or activity")
	flag.IntVar(&cfg.n, "n", 400, "number of approvals timed")
	flag.IntVar(&cfg.c, "c", 8, "concurrent approving clients")
	flag.IntVar(&cfg.seed, "seed", 0, "grid offset: runs with different seeds use different places")
	flag.Float64Var(&cfg.x0, "x0", 47.0, "longitude of the grid's corner")
	flag.Float64Var(&cfg.y0, "y0", 40.2, "latitude of the grid's corner")
	flag.Parse()
	if cfg.editor == "" || cfg.verifier == "" || cfg.n < 1 || cfg.c < 1 || (cfg.kind != "hazard" && cfg.kind != "activity") {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(cfg); err != nil {
		fmt.Fprintln(os.Stderr, "approvals:", err)
		os.Exit(1)
	}
}

type config struct {
	url, editor, verifier, org, kind string
	n, c, seed                       int
	x0, y0                           float64
}

// report is what the API returns of a report.
type report struct {
	ID       int64  `json:"id"`
	RecordID string `json:"record_id"`
	Status   string `json:"status"`
}

func run(cfg config) error {
	cl := &client{base: cfg.url, http: &http.Client{Timeout: 2 * time.Minute,
		Transport: &http.Transport{MaxIdleConnsPerHost: 64}}}
	var inputs []any
	switch cfg.kind {
	case "hazard":
		for i := range cfg.n {
			inputs = append(inputs, hazardInput(cfg, i))
		}
	case "activity":
		hazards := max(1, cfg.n/4)
		var hin []any
		for i := range hazards {
			hin = append(hin, hazardInput(cfg, i))
		}
		hs, err := cl.createAll(cfg.editor, hin, 8)
		if err != nil {
			return err
		}
		if _, err := cl.approveAll(cfg.verifier, hs, 8); err != nil {
			return err
		}
		hids := make([]string, len(hs))
		for i, h := range hs {
			r, err := cl.get(cfg.verifier, h.ID)
			if err != nil {
				return err
			}
			hids[i] = r.RecordID
		}
		for i := range cfg.n {
			h := i % hazards
			inputs = append(inputs, activityInput(cfg, h, i/hazards, hids[h]))
		}
	}
	reps, err := cl.createAll(cfg.editor, inputs, 8)
	if err != nil {
		return err
	}
	start := time.Now()
	lat, err := cl.approveAll(cfg.verifier, reps, cfg.c)
	if err != nil {
		return err
	}
	elapsed := time.Since(start)
	slices.Sort(lat)
	fmt.Printf("kind=%s n=%d c=%d elapsed=%.2fs approvals_per_s=%.1f median_ms=%.1f p95_ms=%.1f\n", cfg.kind, cfg.n, cfg.c,
		elapsed.Seconds(), float64(len(reps))/elapsed.Seconds(), ms(lat[len(lat)/2]), ms(lat[len(lat)*95/100]))
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// cell returns the south-west corner of the i-th grid cell of a run: cells
// of 0.004 degrees, 100 to a row, each run (seed) in rows of its own.
func cell(cfg config, i int) (float64, float64) {
	row := cfg.seed*((cfg.n+99)/100+1) + i/100
	return cfg.x0 + float64(i%100)*0.004, cfg.y0 + float64(row)*0.004
}

func square(x, y, d float64) map[string]any {
	return map[string]any{"type": "Polygon", "coordinates": [][][2]float64{{{x, y}, {x + d, y}, {x + d, y + d}, {x, y + d}, {x, y}}}}
}

func hazardInput(cfg config, i int) any {
	x, y := cell(cfg, i)
	return map[string]any{"record_type": "hazard", "submit": true, "feature": map[string]any{
		"type": "Feature", "geometry": square(x, y, 0.003),
		"properties": map[string]any{"organisation": cfg.org, "date_of_information": "2024-01-02", "category": "CHA",
			"status": "open", "hazard_type": "minefield", "eo_confirmed": []string{"ap_mine"}},
	}}
}

// activityInput clears the k-th of the 3x3 small squares of hazard h.
func activityInput(cfg config, h, k int, hid string) any {
	x, y := cell(cfg, h)
	x, y = x+float64(k%3)*0.001, y+float64(k/3%3)*0.001
	day := time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, k).Format("2006-01-02")
	return map[string]any{"record_type": "activity", "submit": true, "feature": map[string]any{
		"type": "Feature", "geometry": nil,
		"properties": map[string]any{"organisation": cfg.org, "date_of_information": day, "activity_type": "clearance",
			"status": "completed", "hazard": hid, "start_date": day, "end_date": day, "methods": []string{"manual"},
			"outcomes": []map[string]any{{"kind": "cleared", "geometry": square(x, y, 0.001)}}},
	}}
}

// client calls the API.
type client struct {
	base string
	http *http.Client
}

func (c *client) do(token, method, path string, body any) (*report, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode >= 300 {
		return nil, fmt.Errorf("%s %s: %s: %s", method, path, resp.Status, b)
	}
	var r report
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, path, err)
	}
	return &r, nil
}

func (c *client) get(token string, id int64) (*report, error) {
	return c.do(token, "GET", fmt.Sprintf("/api/v1/reports/%d", id), nil)
}

// createAll creates the reports from conc clients, in input order.
func (c *client) createAll(token string, inputs []any, conc int) ([]*report, error) {
	out := make([]*report, len(inputs))
	err := parallel(len(inputs), conc, func(i int) error {
		r, err := c.do(token, "POST", "/api/v1/reports", inputs[i])
		out[i] = r
		return err
	})
	return out, err
}

// approveAll approves the reports from conc clients and returns the time
// each approval took.
func (c *client) approveAll(token string, reps []*report, conc int) ([]time.Duration, error) {
	lat := make([]time.Duration, len(reps))
	err := parallel(len(reps), conc, func(i int) error {
		t := time.Now()
		r, err := c.do(token, "POST", fmt.Sprintf("/api/v1/reports/%d/approve", reps[i].ID), nil)
		lat[i] = time.Since(t)
		if err == nil && r.Status != "approved" {
			err = fmt.Errorf("report %d is %s after approval", reps[i].ID, r.Status)
		}
		return err
	})
	return lat, err
}

// parallel runs f(0..n-1) from conc goroutines and returns the first error.
func parallel(n, conc int, f func(i int) error) error {
	next := make(chan int)
	errs := make(chan error, conc)
	var wg sync.WaitGroup
	for range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := f(i); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	var first error
loop:
	for i := range n {
		select {
		case next <- i:
		case first = <-errs:
			break loop
		}
	}
	close(next)
	wg.Wait()
	close(errs)
	if first == nil {
		first = <-errs
	}
	return first
}
