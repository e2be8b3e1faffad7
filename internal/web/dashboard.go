package web

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"strconv"

	"mineaction/internal/api"
	"mineaction/internal/auth"
	"mineaction/internal/httpx"
	"mineaction/internal/landrelease"
	"mineaction/internal/mineaction"
)

// ceasefire is the date casualty counts start from on the dashboard, as
// the figures the programme publishes do.
const ceasefire mineaction.Date = "2020-11-10"

// cell is one table cell: its text and, for charts, its value.
type cell struct {
	Text  string
	Value float64
	Num   bool
	// Suppressed is set for a count withheld from the caller: the chart
	// labels it with Text instead of drawing a value.
	Suppressed bool
}

// table is a chart's data: the chart is drawn from it, and the CSV
// download is the same rows.
type table struct {
	ID, Title, Chart, CSV string
	Stacked               bool
	// Skip lists columns the chart leaves out (1-based), kept in the table.
	Skip    string
	Colours string
	Heads   []string
	Rows    [][]cell
	Total   []cell
	Note    string
}

// dashboardData is the dashboard's data.
type dashboardData struct {
	AsOf     mineaction.Date
	Summary  *landrelease.Summary
	Released landrelease.ReleaseGroup
	Tables   []*table
}

// figures computes every table of the dashboard as of a day, in one
// transaction, from the same computations as the JSON API.
func (w *Web) figures(r *http.Request, asOf mineaction.Date) (*dashboardData, error) {
	c := httpx.CallerOf(r)
	ctx := r.Context()
	d := &dashboardData{AsOf: asOf}
	err := w.store.View(ctx, func(tx mineaction.Tx) error {
		l, err := w.ledger.Load(ctx, tx)
		if err != nil {
			return err
		}
		if d.Summary, err = landrelease.SummaryOf(ctx, tx, l, asOf, ceasefire); err != nil {
			return err
		}
		for _, g := range l.ReleasedBy("1900-01-01", asOf, "year") {
			d.Released.CancelledM2 += g.CancelledM2
			d.Released.ReducedM2 += g.ReducedM2
			d.Released.ClearedM2 += g.ClearedM2
			d.Released.ReleasedM2 += g.ReleasedM2
		}
		kinds := []string{msgs.enumLabel("release_kind", "cancelled"), msgs.enumLabel("release_kind", "reduced"), msgs.enumLabel("release_kind", "cleared")}
		released := func(id, key string, heads []string) *table {
			t := &table{ID: id, Title: msgs.T("dash." + id), Chart: "bar", Stacked: true, CSV: id,
				Colours: "#64b5f6,#1e88e5,#2e7d32", Heads: append([]string{msgs.T("dash.col." + key)}, append(heads, msgs.T("dash.col.released_ha"))...), Skip: "4"}
			for _, g := range l.ReleasedBy(ceasefire, asOf, key) {
				label := g.Key
				if key == "method" {
					label = msgs.enumLabel("method", g.Key)
					if g.Key == "" {
						label = msgs.T("dash.unknown")
					}
				}
				t.Rows = append(t.Rows, []cell{{Text: label}, haCell(g.CancelledM2), haCell(g.ReducedM2), haCell(g.ClearedM2), haCell(g.ReleasedM2)})
			}
			return t
		}
		d.Tables = append(d.Tables, released("released-month", "month", kinds))
		byMethod := released("released-method", "method", kinds)
		byMethod.Chart = "hbar"
		d.Tables = append(d.Tables, byMethod)

		areas, err := tx.AdminAreas(ctx)
		if err != nil {
			return err
		}
		cas, err := w.dash.Casualties(ctx, tx, c, ceasefire, asOf, "admin_area")
		if err != nil {
			return err
		}
		casBy := map[string]api.CasualtyRow{}
		for _, row := range cas.Rows {
			casBy[row.Key] = row
		}
		districts := &table{ID: "by-admin-area", Title: msgs.T("dash.by-admin-area"), Chart: "hbar", CSV: "by-admin-area", Skip: "2,3,4,5,6",
			Colours: "#c62828", Heads: []string{msgs.T("dash.col.district"), msgs.T("dash.col.remaining_ha"), msgs.T("dash.col.share"),
				msgs.T("dash.col.hazards"), msgs.T("dash.col.cleared_ha"), msgs.T("dash.col.casualties"), msgs.T("dash.col.killed")}}
		for _, a := range l.ByAdminArea(asOf, areas) {
			if a.Count == 0 {
				continue
			}
			cr := casBy[a.Code]
			districts.Rows = append(districts.Rows, []cell{{Text: a.Name}, haCell(a.RemainingM2),
				{Text: formatNumber(100*a.ContaminatedShare, 2) + " %", Value: 100 * a.ContaminatedShare, Num: true},
				intCell(int64(a.Count)), haCell(a.ClearedM2), countCell(cr.Total), countCell(cr.Killed)})
		}
		d.Tables = append(d.Tables, districts)

		years, err := w.dash.Casualties(ctx, tx, c, ceasefire, asOf, "year")
		if err != nil {
			return err
		}
		ct := &table{ID: "casualties", Title: msgs.T("dash.casualties"), Chart: "bar", Stacked: true, CSV: "casualties", Skip: "3,4,5,6",
			Colours: "#111111,#ef6c00", Heads: []string{msgs.T("dash.col.year"), msgs.enumLabel("victim_outcome", "killed"), msgs.enumLabel("victim_outcome", "injured"),
				msgs.enumLabel("victim_type", "civilian"), msgs.enumLabel("victim_type", "military"), msgs.enumLabel("victim_type", "deminer"), msgs.T("dash.col.total")}}
		for _, y := range append(years.Rows, years.Total) {
			row := []cell{{Text: y.Key}, countCell(y.Killed), countCell(y.Injured), countCell(y.Civilian), countCell(y.Military), countCell(y.Deminer), countCell(y.Total)}
			if y.Key == "total" {
				row[0].Text = msgs.T("dash.total")
				ct.Total = row
				continue
			}
			ct.Rows = append(ct.Rows, row)
		}
		if years.Suppressed {
			ct.Note = msgs.F("dash.suppressed", years.Threshold)
		}
		d.Tables = append(d.Tables, ct)

		finds, err := w.dash.Finds(ctx, tx, asOf)
		if err != nil {
			return err
		}
		ft := &table{ID: "finds", Title: msgs.T("dash.finds"), Chart: "hbar", CSV: "finds", Colours: "#8d8d8d,#6a1b9a", Skip: "1",
			Heads: []string{msgs.T("dash.col.category"), msgs.T("dash.col.records"), msgs.T("dash.col.items")}}
		for _, f := range finds {
			ft.Rows = append(ft.Rows, []cell{{Text: f.Category}, intCell(f.Records), intCell(f.Items)})
		}
		d.Tables = append(d.Tables, ft)

		bens, err := w.dash.Beneficiaries(ctx, tx, "", asOf)
		if err != nil {
			return err
		}
		bt := &table{ID: "beneficiaries", Title: msgs.T("dash.beneficiaries"), Chart: "bar", Stacked: true, CSV: "beneficiaries",
			Colours: "#00897b,#1e88e5,#8d8d8d", Heads: []string{msgs.T("dash.col.age_band")}}
		sexes := mineaction.Sex.Codes()
		for _, s := range sexes {
			bt.Heads = append(bt.Heads, msgs.enumLabel("sex", s))
		}
		for _, band := range mineaction.DefaultAgeBands {
			row := []cell{{Text: band}}
			for _, s := range sexes {
				var n int64
				for _, b := range bens {
					if b.Sex == s && b.AgeBand == band {
						n += b.Count
					}
				}
				row = append(row, intCell(n))
			}
			bt.Rows = append(bt.Rows, row)
		}
		d.Tables = append(d.Tables, bt)
		return nil
	})
	return d, err
}

func haCell(m2 float64) cell {
	return cell{Text: formatNumber(m2/1e4, 1), Value: m2 / 1e4, Num: true}
}

func intCell(n int64) cell {
	return cell{Text: formatNumber(float64(n), 0), Value: float64(n), Num: true}
}

// countCell shows a suppressed count as "<3" (or "x" when withheld so that
// another cannot be worked out), which the chart labels rather than draws.
func countCell(c api.Count) cell {
	if c.Suppressed {
		return cell{Text: c.String(), Num: true, Suppressed: true}
	}
	return intCell(c.N)
}

// asOfParam reads ?as_of= (default today).
func (w *Web) asOfParam(r *http.Request) (mineaction.Date, error) {
	v := r.URL.Query().Get("as_of")
	if v == "" {
		return mineaction.DateOf(w.cfg.Now()), nil
	}
	if !mineaction.Date(v).Valid() {
		return "", httpx.BadRequest{Err: mineaction.Invalid("as_of", "%q is not a date YYYY-MM-DD", v)}
	}
	return mineaction.Date(v), nil
}

// Home handles GET /: the dashboard is the first page.
func (w *Web) Home(rw http.ResponseWriter, r *http.Request) error {
	return seeOther(rw, r, "/dashboard")
}

// Dashboard handles GET /dashboard: the national and per-district figures as of a
// chosen day, each chart with its table and a CSV download.
func (w *Web) Dashboard(rw http.ResponseWriter, r *http.Request) error {
	c := httpx.CallerOf(r)
	if err := need(c, auth.ReadRecords, auth.Resource{}, "read figures"); err != nil {
		return err
	}
	asOf, err := w.asOfParam(r)
	if err != nil {
		return err
	}
	d, err := w.figures(r, asOf)
	if err != nil {
		return err
	}
	p := w.newPage(r, "dashboard", msgs.T("dash.title"))
	p.Scripts, p.Data = []string{"dashboard.js"}, d
	return w.render(rw, http.StatusOK, "dashboard", p)
}

// DashboardCSV handles GET /dashboard/csv/{view}?as_of=: one table of the
// dashboard as CSV. Suppressed casualty counts stay "<3" or "x": the
// detail is not in the file.
func (w *Web) DashboardCSV(rw http.ResponseWriter, r *http.Request) error {
	c := httpx.CallerOf(r)
	if err := need(c, auth.ReadRecords, auth.Resource{}, "read figures"); err != nil {
		return err
	}
	asOf, err := w.asOfParam(r)
	if err != nil {
		return err
	}
	d, err := w.figures(r, asOf)
	if err != nil {
		return err
	}
	view := r.PathValue("view")
	for _, t := range d.Tables {
		if t.CSV != view {
			continue
		}
		rw.Header().Set("Content-Type", "text/csv; charset=utf-8")
		rw.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s-%s.csv"`, view, asOf))
		rw.Header().Set("Cache-Control", "private, no-cache")
		cw := csv.NewWriter(rw)
		cw.Write(t.Heads)
		for _, row := range append(t.Rows, t.Total) {
			if row == nil {
				continue
			}
			rec := make([]string, len(row))
			for i, cl := range row {
				rec[i] = cl.Text
				if cl.Num && !cl.Suppressed {
					rec[i] = strconv.FormatFloat(cl.Value, 'f', -1, 64)
					if t.Heads[i] == msgs.T("dash.col.share") {
						rec[i] = strconv.FormatFloat(cl.Value, 'f', 4, 64)
					}
				}
			}
			cw.Write(rec)
		}
		cw.Flush()
		return cw.Error()
	}
	return mineaction.NotFoundf("no table %q", view)
}
