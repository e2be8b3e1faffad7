package web_test

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
)

// casualtyColumns are the columns of a casualty table, total last; killed +
// injured = total and civilian + military + deminer = total in every row.
var casualtyColumns = []string{"killed", "injured", "civilian", "military", "deminer", "total"}

// shownTable is a casualty table as a caller sees it: the last row is the
// total row; a cell is known (a number) or hidden (its exact value kept
// beside it, from the victim assistance role's table, for the checks).
type shownTable struct {
	name  string
	keys  []string
	shown [][]string
	exact [][]int64
}

// TestSuppressedCountsCannotBeDerived checks, for the demo data, that no
// casualty count a viewer sees suppressed can be worked out from the
// others in the same table: no sum (a row's killed + injured = total,
// civilian + military + deminer = total, a column's rows = its total row)
// holds exactly one hidden cell, and, solving all the sums together, no
// hidden cell is fixed (its column of the coefficient matrix over the
// hidden cells is independent of the others). It checks the JSON API by
// year and by admin area over several periods and the dashboard's CSV. A
// table withheld whole (every cell "x") is too small to check. What the
// bounds of hidden cells add ("<3" is 1 or 2) is checked against a brute-
// force search in internal/api (TestBoundsPinNoCount).
func TestSuppressedCountsCannotBeDerived(t *testing.T) {
	srv := smallDemo(t)
	viewer, va := client(t, srv.URL, "viewer"), client(t, srv.URL, "va")
	var tables []shownTable
	for _, by := range []string{"year", "admin_area"} {
		for _, period := range []string{"", "from=2020-11-10&to=2024-06-10", "from=2025-01-01&to=2025-12-31", "from=2021-01-01&to=2021-06-30"} {
			url := srv.URL + "/api/v1/figures/casualties?by=" + by + "&" + period
			tables = append(tables, jsonTable(t, fetch(t, viewer, url), fetch(t, va, url), by+" "+period))
		}
	}
	for _, asOf := range []string{"2024-06-10", "2026-01-01"} {
		url := srv.URL + "/dashboard/csv/casualties?as_of=" + asOf
		tables = append(tables, csvTable(t, fetch(t, viewer, url), fetch(t, va, url), "CSV as of "+asOf))
	}
	primary, whole := 0, 0
	for _, tb := range tables {
		if withheldWhole(tb) {
			whole++ // too few casualties to break down: nothing to check
			continue
		}
		for r := range tb.shown {
			for c, s := range tb.shown[r] {
				n := tb.exact[r][c]
				hidden := strings.HasPrefix(s, "<") || s == "x"
				switch {
				case n >= 1 && n <= 2 && s != "<3":
					t.Errorf("%s %s %s: %d shown as %q", tb.name, tb.keys[r], casualtyColumns[c], n, s)
				case n >= 1 && n <= 2:
					primary++
				case !hidden && s != strconv.FormatInt(n, 10):
					t.Errorf("%s %s %s: %d shown as %q", tb.name, tb.keys[r], casualtyColumns[c], n, s)
				case s == "<3":
					t.Errorf("%s %s %s: %d shown as \"<3\"", tb.name, tb.keys[r], casualtyColumns[c], n)
				}
			}
		}
		for _, sum := range tableSums(len(tb.shown)) {
			var hid []string
			for _, x := range sum {
				if s := tb.shown[x[0]][x[1]]; strings.HasPrefix(s, "<") || s == "x" {
					hid = append(hid, tb.keys[x[0]]+" "+casualtyColumns[x[1]])
				}
			}
			if len(hid) == 1 {
				t.Errorf("%s: %s is the only hidden cell of a sum: it is the difference of the others", tb.name, hid[0])
			}
		}
		for _, cell := range fixedCells(tb) {
			t.Errorf("%s: %s is fixed by the table's sums taken together", tb.name, cell)
		}
	}
	if primary == 0 {
		t.Fatal("the demo has no small count in these tables: the test proves nothing")
	}
	if whole == len(tables) {
		t.Fatal("every table was withheld whole: the test proves nothing")
	}
}

// withheldWhole reports whether every cell of tb shows as "x".
func withheldWhole(tb shownTable) bool {
	for _, row := range tb.shown {
		for _, s := range row {
			if s != "x" {
				return false
			}
		}
	}
	return true
}

// tableSums lists the sums of a table of n rows (total row last) as the
// cells in each, the total cell last.
func tableSums(n int) [][][2]int {
	var out [][][2]int
	for r := 0; r < n; r++ {
		out = append(out, [][2]int{{r, 0}, {r, 1}, {r, 5}}, [][2]int{{r, 2}, {r, 3}, {r, 4}, {r, 5}})
	}
	for c := range casualtyColumns {
		var s [][2]int
		for r := 0; r < n; r++ {
			s = append(s, [2]int{r, c})
		}
		out = append(out, s)
	}
	return out
}

// fixedCells returns the hidden cells that the sums fix: cell i is fixed
// exactly when every solution of the homogeneous system over the hidden
// cells has x_i = 0, that is when removing its column lowers the rank.
func fixedCells(tb shownTable) []string {
	var vars [][2]int
	at := map[[2]int]int{}
	for r := range tb.shown {
		for c, s := range tb.shown[r] {
			if strings.HasPrefix(s, "<") || s == "x" {
				at[[2]int{r, c}] = len(vars)
				vars = append(vars, [2]int{r, c})
			}
		}
	}
	var a [][]float64
	for _, sum := range tableSums(len(tb.shown)) {
		row := make([]float64, len(vars))
		for i, x := range sum {
			if j, ok := at[x]; ok {
				if i == len(sum)-1 {
					row[j] -= 1
				} else {
					row[j] += 1
				}
			}
		}
		a = append(a, row)
	}
	full := rank(a, -1)
	var out []string
	for j, v := range vars {
		if rank(a, j) < full {
			out = append(out, tb.keys[v[0]]+" "+casualtyColumns[v[1]])
		}
	}
	return out
}

// rank is the rank of matrix a without column skip (-1: none), by Gaussian
// elimination with partial pivoting.
func rank(a [][]float64, skip int) int {
	m := make([][]float64, len(a))
	for i, row := range a {
		for j, v := range row {
			if j != skip {
				m[i] = append(m[i], v)
			}
		}
	}
	if len(m) == 0 || len(m[0]) == 0 {
		return 0
	}
	r := 0
	for c := 0; c < len(m[0]) && r < len(m); c++ {
		p := r
		for i := r; i < len(m); i++ {
			if math.Abs(m[i][c]) > math.Abs(m[p][c]) {
				p = i
			}
		}
		if math.Abs(m[p][c]) < 1e-9 {
			continue
		}
		m[r], m[p] = m[p], m[r]
		for i := range m {
			if i != r {
				f := m[i][c] / m[r][c]
				for j := c; j < len(m[i]); j++ {
					m[i][j] -= f * m[r][j]
				}
			}
		}
		r++
	}
	return r
}

// jsonTable reads a casualty table of the JSON API, as shown to a viewer
// and as whole to the victim assistance role.
func jsonTable(t *testing.T, shown, whole, name string) shownTable {
	t.Helper()
	type doc struct {
		Rows  []map[string]any `json:"rows"`
		Total map[string]any   `json:"total"`
	}
	var s, w doc
	if err := json.Unmarshal([]byte(shown), &s); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(whole), &w); err != nil {
		t.Fatal(err)
	}
	if len(s.Rows) != len(w.Rows) {
		t.Fatalf("%s: %d rows shown, %d whole", name, len(s.Rows), len(w.Rows))
	}
	tb := shownTable{name: name}
	for i, row := range append(s.Rows, s.Total) {
		wrow := append(w.Rows, w.Total)[i]
		tb.keys = append(tb.keys, fmt.Sprint(row["key"]))
		var sr []string
		var er []int64
		for _, c := range casualtyColumns {
			sr = append(sr, fmt.Sprint(row[c]))
			er = append(er, int64(wrow[c].(float64)))
		}
		tb.shown, tb.exact = append(tb.shown, sr), append(tb.exact, er)
	}
	return tb
}

// csvTable reads the dashboard's casualties CSV: year, killed, injured,
// civilian, military, deminer, total; the total row last.
func csvTable(t *testing.T, shown, whole, name string) shownTable {
	t.Helper()
	s, err := csv.NewReader(strings.NewReader(shown)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	w, err := csv.NewReader(strings.NewReader(whole)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(s) != len(w) {
		t.Fatalf("%s: %d rows shown, %d whole", name, len(s), len(w))
	}
	tb := shownTable{name: name}
	for i := 1; i < len(s); i++ {
		tb.keys = append(tb.keys, s[i][0])
		var er []int64
		for _, v := range w[i][1:] {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				t.Fatalf("%s: the victim assistance CSV has %q", name, v)
			}
			er = append(er, n)
		}
		tb.shown, tb.exact = append(tb.shown, s[i][1:]), append(tb.exact, er)
	}
	return tb
}
