package web_test

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestEndToEnd drives headless Chromium through the application on the
// small demo: sign in, the map draws hazards, a hazard drawn on the map is
// submitted by an editor and approved by the verifier, after which the map
// and the dashboard show it; an invalid polygon is refused at its field;
// no page logs a console error. It writes screenshots of the main pages.
func TestEndToEnd(t *testing.T) {
	srv := smallDemo(t)
	b := newBrowser(t, srv.URL, 1366, 900)

	// Signed in as the verifier: the dashboard, the map, the lists.
	b.signIn("verifier")
	banner := b.text("#demo-banner")
	if !strings.Contains(banner, "Synthetic") {
		t.Errorf("the demo banner says %q", banner)
	}
	b.open("/dashboard?as_of=2024-06-10")
	get(b, "dashboard charts", chromedp.Poll[bool](`document.querySelectorAll('figure[data-chart][data-ready=true]').length === 6`, chromedp.WithPollingTimeout(20*time.Second)))
	share := b.text("#headline .card .sub")
	if !strings.Contains(share, "12.") && !strings.Contains(share, "11.9") {
		t.Errorf("contaminated share on 2024-06-10 reads %q; the demo is calibrated on about 12%%", share)
	}
	b.screenshot("dashboard")
	b.noConsoleErrors("dashboard")

	// The keyboard reaches the skip link first, and it leads to the content.
	b.run("tab", chromedp.KeyEvent("\t"))
	if focused := get(b, "focus", chromedp.Evaluate[string](`document.activeElement.className + ' ' + document.activeElement.getAttribute('href')`)); focused != "skip #main" {
		t.Errorf("the first Tab focuses %q, want the skip link", focused)
	}

	b.open("/map")
	b.waitMap()
	hazards := get(b, "rendered hazards", chromedp.Evaluate[int](`mineactionMap.queryRenderedFeatures({layers: ['hazards-fill']}).length`))
	if hazards == 0 {
		t.Fatal("the map renders no hazard")
	}
	// Pixels too: the canvas holds the hazards' red somewhere.
	red := get(b, "pixels", chromedp.Evaluate[int](redPixels))
	if red == 0 {
		t.Error("no hazard-coloured pixel on the map canvas")
	}
	// A click on a hazard opens its summary with a link to the record.
	pt := get(b, "a hazard's centre", chromedp.Evaluate[[]float64](`(() => {
	  const f = mineactionMap.queryRenderedFeatures({layers: ['hazards-fill']}).find((f) => f.geometry.type === 'Polygon');
	  const ring = f.geometry.coordinates[0].slice(0, -1);
	  const c = ring.reduce((a, p) => [a[0] + p[0] / ring.length, a[1] + p[1] / ring.length], [0, 0]);
	  const p = mineactionMap.project(c), r = mineactionMap.getCanvas().getBoundingClientRect();
	  return [r.left + p.x, r.top + p.y];
	})()`))
	b.run("click a hazard", chromedp.MouseClickXY(pt[0], pt[1]), chromedp.WaitVisible(chromedp.CSS(".maplibregl-popup a")))
	if href := get(b, "popup link", chromedp.Evaluate[string](`document.querySelector('.maplibregl-popup a').getAttribute('href')`)); !strings.HasPrefix(href, "/records/") {
		t.Errorf("the popup links to %q", href)
	}
	b.screenshot("map")
	b.noConsoleErrors("map")

	b.open("/records?type=hazard&sort=-remaining_m2")
	b.screenshot("records")
	b.open("/records/HA-000001")
	b.waitMap()
	b.screenshot("record")
	b.noConsoleErrors("records")

	before := headline(b, "")
	b.signOut()

	// The editor of ANAMA draws a hazard and submits it.
	b.signIn("editor.anama")
	b.openHazardForm()
	b.run("fill the form",
		chromedp.SetValue(chromedp.ID("f-category"), "SHA"),
		chromedp.SetValue(chromedp.ID("f-status"), "open"),
		chromedp.SetValue(chromedp.ID("f-hazard_type"), "minefield"),
		chromedp.SetValue(chromedp.ID("f-date_of_information"), "2025-01-15"),
		chromedp.SendKeys(chromedp.ID("f-name"), "E2E drawn minefield"),
		chromedp.Click(chromedp.CSS("button[data-draw=shape]")))
	rect := get(b, "map box", chromedp.Evaluate[[]float64](`(() => { const r = document.getElementById('map').getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })()`))
	// A triangle in the middle of the map, closed by clicking its first corner.
	cx, cy := rect[0]+rect[2]*0.45, rect[1]+rect[3]*0.5
	pts := [][2]float64{{cx, cy}, {cx + 70, cy - 10}, {cx + 80, cy + 50}, {cx + 10, cy + 60}, {cx, cy}}
	for _, p := range pts {
		b.run("click", chromedp.MouseClickXY(p[0], p[1]))
	}
	geom := get(b, "drawn geometry", chromedp.Poll[string](`document.getElementById('geometry-geojson').value`, chromedp.WithPollingTimeout(10*time.Second)))
	if !strings.Contains(geom, `"Polygon"`) {
		t.Fatalf("the drawing left %q in the geometry field", geom)
	}
	b.screenshot("form-drawn")
	b.run("submit", chromedp.Click(chromedp.ID("save-submit")))
	status := b.text("#report-status")
	url := get(b, "location", chromedp.Location())
	if status != "Submitted" {
		t.Fatalf("after save and submit the report is %q", status)
	}
	reportPath := url[len(srv.URL):]
	if i := strings.Index(reportPath, "?"); i > 0 {
		reportPath = reportPath[:i]
	}
	b.noConsoleErrors("data entry")

	// An invalid polygon (a bow tie) is refused, the error at the field.
	b.openHazardForm()
	b.expect("status of 422")
	b.run("invalid polygon",
		chromedp.SetValue(chromedp.ID("f-category"), "SHA"),
		chromedp.SetValue(chromedp.ID("f-status"), "open"),
		chromedp.SetValue(chromedp.ID("f-hazard_type"), "minefield"),
		chromedp.SetValue(chromedp.ID("f-date_of_information"), "2025-01-15"),
		chromedp.Click(chromedp.CSS("input[name=geom_mode][value=coords]")),
		chromedp.SendKeys(chromedp.ID("f-geom_coords"), "40.00, 47.00\n40.01, 47.01\n40.00, 47.01\n40.01, 47.00"),
		chromedp.Click(chromedp.ID("save")))
	fieldErr := b.text("#geometry-err")
	if !strings.Contains(fieldErr, "coordinates[0]") || !strings.Contains(fieldErr, "crosses itself") {
		t.Errorf("the geometry field says %q; want the self-intersection with its coordinates", fieldErr)
	}
	b.run("scroll to the error", chromedp.ScrollIntoView(chromedp.ID("geometry")))
	b.screenshot("form-invalid")
	b.noConsoleErrors("invalid polygon")
	b.signOut()

	// The verifier approves it from the review queue.
	b.signIn("verifier")
	b.open("/review")
	b.screenshot("review")
	b.open(reportPath)
	b.waitMap()
	b.screenshot("report")
	b.run("approve", chromedp.Click(chromedp.ID("approve")))
	b.waitText("#report-status", "Approved")
	lede := b.text(".lede")
	hid := regexp.MustCompile(`HA-\d{6}`).FindString(lede)
	if hid == "" {
		t.Fatalf("the approved report names no record: %q", lede)
	}

	// The dashboard counts it, and the map draws it.
	after := headline(b, "")
	if after.hazards != before.hazards+1 {
		t.Errorf("hazards on the dashboard: %d before, %d after the approval", before.hazards, after.hazards)
	}
	if after.remaining <= before.remaining {
		t.Errorf("remaining contaminated land did not grow: %v m² before, %v m² after", before.remaining, after.remaining)
	}
	b.open("/map")
	b.waitMap()
	b.run("search", chromedp.SendKeys(chromedp.ID("map-q"), hid), chromedp.Click(chromedp.CSS("#map-search button")))
	get(b, "the new hazard on the map", chromedp.Poll[bool](fmt.Sprintf(
		`mineactionMap.loaded() && mineactionMap.areTilesLoaded() && mineactionMap.queryRenderedFeatures({layers: ['hazards-fill'], filter: ['==', ['get', 'hid'], %q]}).length > 0`, hid),
		chromedp.WithPollingTimeout(30*time.Second)))
	b.waitMap()
	b.screenshot("map-new-hazard")
	b.noConsoleErrors("after approval")

	// A tablet in portrait: the pages still work.
	tab := newBrowser(t, srv.URL, 820, 1180)
	tab.signIn("viewer")
	tab.open("/dashboard")
	tab.screenshot("tablet-dashboard")
	tab.open("/map")
	tab.waitMap()
	tab.screenshot("tablet-map")
	tab.noConsoleErrors("tablet")
}

// figures are the dashboard's headline numbers.
type figures struct {
	hazards   int
	remaining float64
}

func headline(b *browser, asOf string) figures {
	b.t.Helper()
	b.open("/dashboard?as_of=" + asOf)
	count := b.text("#hazard-count")
	m2 := get(b, "remaining", chromedp.Evaluate[string](`document.getElementById('remaining-km2').dataset.m2`))
	n, err := strconv.Atoi(strings.ReplaceAll(count, ",", ""))
	if err != nil {
		b.t.Fatalf("hazard count %q: %v", count, err)
	}
	f, err := strconv.ParseFloat(m2, 64)
	if err != nil {
		b.t.Fatalf("remaining %q: %v", m2, err)
	}
	return figures{hazards: n, remaining: f}
}

// redPixels counts pixels of the map canvas close to the open hazards'
// colour (#c62828), read back from WebGL.
const redPixels = `(() => {
  const map = window.mineactionMap;
  map.triggerRepaint();
  const gl = map.getCanvas().getContext('webgl2') || map.getCanvas().getContext('webgl');
  const w = gl.drawingBufferWidth, h = gl.drawingBufferHeight;
  const px = new Uint8Array(w * h * 4);
  map.redraw();
  gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, px);
  let n = 0;
  for (let i = 0; i < px.length; i += 4) {
    if (px[i] > 150 && px[i+1] < 140 && px[i+2] < 140 && px[i] - px[i+1] > 60) n++;
  }
  return n;
})()`
