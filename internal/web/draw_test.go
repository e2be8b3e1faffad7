package web_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// TestUnfinishedDrawingIsNotSaved draws three corners of a polygon without
// closing it and moves the pointer away, as a user heading for the save
// button does: the geometry field must stay empty (terra-draw's shape in
// progress carries the pointer as a corner), the save must be stopped with
// a message at the map, and the status line must not push the map down.
// Closing the ring then writes exactly the three corners.
func TestUnfinishedDrawingIsNotSaved(t *testing.T) {
	b := editorAtHazardForm(t)
	// The geometry fieldset is sticky on a wide screen, so the map's place
	// is measured from the fieldset's top.
	mapTop := func() float64 {
		return get(b, "map top", chromedp.Evaluate[float64](`document.getElementById('map').getBoundingClientRect().top - document.getElementById('geometry').getBoundingClientRect().top`))
	}
	top := mapTop()
	b.run("start drawing", chromedp.Click(chromedp.CSS("button[data-draw=shape]")))
	rect := get(b, "map box", chromedp.Evaluate[[]float64](`(() => { const r = document.getElementById('map').getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })()`))
	cx, cy := rect[0]+rect[2]*0.4, rect[1]+rect[3]*0.5
	corners := [][2]float64{{cx, cy}, {cx + 80, cy - 20}, {cx + 90, cy + 60}}
	for _, p := range corners {
		b.run("click a corner", chromedp.MouseClickXY(p[0], p[1]))
	}
	// The pointer leaves the map on its way to the buttons.
	b.run("move away",
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, cx-60, cy+40),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, rect[0]+5, rect[1]+rect[3]-5))
	b.waitText("#draw-status", "Drawing: click the first corner or press Enter to close it.")
	if v := get(b, "geometry field", chromedp.Evaluate[string](`document.getElementById('geometry-geojson').value`)); v != "" {
		t.Errorf("while the shape is unfinished the geometry field holds %s", v)
	}
	if now := mapTop(); now != top {
		t.Errorf("the map moved from %v to %v px when the drawing status appeared", top, now)
	}

	// Saving now is stopped on the page, with the reason at the map.
	b.run("save", chromedp.Click(chromedp.ID("save")))
	poll[bool](b, "the unfinished message", `document.getElementById('draw-status').classList.contains('error-text')`)
	msg := b.text("#draw-status")
	if !strings.Contains(msg, "not closed") {
		t.Errorf("a save of an unfinished shape says %q", msg)
	}
	if loc := get(b, "location", chromedp.Location()); !strings.HasSuffix(loc, "/reports/new?type=hazard") {
		t.Errorf("the unfinished shape was posted: the page is now %s", loc)
	}
	b.screenshot("draw-unfinished")

	// Closing the ring on its first corner writes the three corners only.
	// (The click on the button may have scrolled the page: the corner is
	// found where the map now shows it.)
	first := get(b, "the first corner", chromedp.Evaluate[[]float64](`(() => {
	  const f = mineactionDraw.getSnapshot().find((f) => f.properties.currentlyDrawing);
	  const p = mineactionMap.project(f.geometry.coordinates[0][0]), r = mineactionMap.getCanvas().getBoundingClientRect();
	  return [r.left + p.x, r.top + p.y];
	})()`))
	b.run("close the ring", chromedp.MouseClickXY(first[0], first[1]))
	raw := poll[string](b, "drawn geometry", `document.getElementById('geometry-geojson').value`)
	var g struct {
		Type        string
		Coordinates [][][2]float64
	}
	if err := json.Unmarshal([]byte(raw), &g); err != nil {
		t.Fatalf("geometry field %q: %v", raw, err)
	}
	if g.Type != "Polygon" || len(g.Coordinates) != 1 || len(g.Coordinates[0]) != 4 {
		t.Errorf("the closed triangle was written as %s; want a Polygon of 3 corners and the closing one", raw)
	}
	if s := b.text("#draw-status"); !strings.HasPrefix(s, "Shape drawn") {
		t.Errorf("after closing the shape the status reads %q", s)
	}
	if now := mapTop(); now != top {
		t.Errorf("the map moved from %v to %v px", top, now)
	}
	b.screenshot("draw-closed")
	b.noConsoleErrors("drawing")
}
