package web_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"mineaction/internal/auth"
	"mineaction/internal/server"
	"mineaction/internal/sqlite"
	"mineaction/internal/workflow"
)

// pageLoad is what one cold load of a page measured.
type pageLoad struct {
	ReadyMS, LoadMS float64
	Bytes           float64
	// The map's marks: its script ran, its style loaded, it first idled.
	ScriptMS, StyleMS, IdleMS float64
}

// BenchmarkColdPageLoad loads the dashboard and the map in headless
// Chromium with an empty cache and reports the time until the page is
// usable (the charts drawn; the map's tiles loaded), the load event, and
// the bytes transferred, from the browser's performance timing: the
// median of the b.N loads (-v logs each). It serves the database in
// MINEACTION_BENCH_DATA (make one with mineaction demo --scale national),
// or the server at MINEACTION_BENCH_URL, or the small demo.
//
//	MINEACTION_BENCH_DATA=/tmp/natdata go test ./internal/web -run '^$' -bench ColdPageLoad -benchtime 5x
func BenchmarkColdPageLoad(b *testing.B) {
	base := benchServer(b)
	pages := []struct{ name, path, ready string }{
		{"dashboard", "/dashboard?as_of=2024-06-10", `document.querySelectorAll('figure[data-chart][data-ready=true]').length === 6`},
		{"map", "/map", `window.mineactionMap && mineactionMap.loaded() && mineactionMap.areTilesLoaded() && document.getElementById('map').dataset.ready === 'true'`},
	}
	br := newBrowser(b, base, 1366, 900)
	br.signIn("viewer")
	for _, p := range pages {
		b.Run(p.name, func(b *testing.B) {
			var loads []pageLoad
			for range b.N {
				m := coldLoad(b, br, p.path, p.ready)
				b.Logf("ready %4.0f ms, load %4.0f ms, map script %4.0f, style %4.0f, idle %4.0f, %4.0f KiB",
					m.ReadyMS, m.LoadMS, m.ScriptMS, m.StyleMS, m.IdleMS, m.Bytes/1024)
				loads = append(loads, m)
			}
			// Medians: the machine is shared and one slow load should not
			// move the figure.
			med := func(f func(pageLoad) float64) float64 {
				v := make([]float64, len(loads))
				for i, l := range loads {
					v[i] = f(l)
				}
				slices.Sort(v)
				if n := len(v); n%2 == 0 {
					return (v[n/2-1] + v[n/2]) / 2
				}
				return v[len(v)/2]
			}
			b.ReportMetric(med(func(l pageLoad) float64 { return l.ReadyMS }), "ms-ready")
			b.ReportMetric(med(func(l pageLoad) float64 { return l.LoadMS }), "ms-load")
			b.ReportMetric(med(func(l pageLoad) float64 { return l.Bytes })/1024, "KiB-transferred")
			if loads[0].ScriptMS > 0 {
				b.ReportMetric(med(func(l pageLoad) float64 { return l.ScriptMS }), "ms-map-script")
				b.ReportMetric(med(func(l pageLoad) float64 { return l.StyleMS }), "ms-map-style")
				b.ReportMetric(med(func(l pageLoad) float64 { return l.IdleMS }), "ms-map-idle")
			}
		})
	}
}

func benchServer(b *testing.B) string {
	if url := os.Getenv("MINEACTION_BENCH_URL"); url != "" {
		return url // a server already running, e.g. mineaction serve
	}
	dir := os.Getenv("MINEACTION_BENCH_DATA")
	if dir == "" {
		return smallDemo(b).URL
	}
	store, err := sqlite.Open(context.Background(), dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { store.Close() })
	wf := workflow.New(store, workflow.Config{})
	srv := server.New(server.Config{Store: store, Workflow: wf, Accounts: auth.NewService(store, auth.Config{}), Log: slog.New(slog.DiscardHandler)})
	hs := httptest.NewServer(srv.Handler())
	b.Cleanup(hs.Close)
	return hs.URL
}

// coldLoad empties the browser's cache, loads path and waits until ready.
func coldLoad(b *testing.B, br *browser, path, ready string) pageLoad {
	ctx, cancel := context.WithTimeout(br.ctx, 2*time.Minute)
	defer cancel()
	clear := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, network.ClearBrowserCache, cdp.Empty{})
		return err
	})
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank"), clear, chromedp.Navigate(br.base+path)); err != nil {
		b.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](ready, chromedp.WithPollingTimeout(time.Minute), chromedp.WithPollingInterval(10*time.Millisecond))); err != nil {
		b.Fatal(err)
	}
	m, err := chromedp.Run(ctx, chromedp.Evaluate[pageLoad](`(() => {
	  const nav = performance.getEntriesByType('navigation')[0];
	  let bytes = nav.transferSize;
	  for (const r of performance.getEntriesByType('resource')) bytes += r.transferSize;
	  const mark = (n) => (performance.getEntriesByName(n)[0] || {startTime: 0}).startTime;
	  return {ReadyMS: performance.now(), LoadMS: nav.loadEventEnd, Bytes: bytes,
	    ScriptMS: mark('map-created'), StyleMS: mark('map-load'), IdleMS: mark('map-idle')};
	})()`))
	if err != nil {
		b.Fatal(fmt.Errorf("timing: %w", err))
	}
	return m
}
