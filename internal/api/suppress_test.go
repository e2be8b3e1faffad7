package api

import (
	"math/rand/v2"
	"testing"
)

// solutions enumerates the integer values the hidden cells of vals can take
// given what a reader knows: the shown cells, the sums, the grand total
// (from the national summary, even where the table withholds it), a
// primary cell in [1, small-1] and any other hidden cell 0 or from small
// to the grand total (had it been 1 to small-1 it would show as primary,
// unless the table is withheld whole).
// It returns, for each hidden cell, values it takes in some solution: two
// or more when it has two, one when that is the only one: the brute-force
// reference for suppressTable.
func solutions(vals [][]int64, hidden [][]int8, rules []sumRule, small int64, grand cellRef) map[cellRef]map[int64]bool {
	top := vals[grand.r][grand.c]
	var vars []cellRef
	for r := range hidden {
		for c, h := range hidden[r] {
			if x := (cellRef{r, c}); h != 0 && x != grand {
				vars = append(vars, x)
			}
		}
	}
	// In a table withheld whole, an "x" may be anything: small counts show
	// as "x" too.
	whole := len(vars) == len(vals)*len(vals[0])-1
	val := map[cellRef]int64{}
	seen := map[cellRef]map[int64]bool{}
	for _, v := range vars {
		seen[v] = map[int64]bool{}
	}
	// bounds gives a cell's value if known, else the bounds of its values.
	bounds := func(x cellRef) (int64, int64) {
		if v, ok := val[x]; ok {
			return v, v
		}
		switch {
		case hidden[x.r][x.c] == 0 || x == grand:
			return vals[x.r][x.c], vals[x.r][x.c]
		case hidden[x.r][x.c] == 1:
			return 1, small - 1
		}
		return 0, top
	}
	// possible reports whether every sum can still hold.
	possible := func() bool {
		for _, s := range rules {
			var lo, hi int64
			for _, x := range s.parts {
				l, h := bounds(x)
				lo, hi = lo+l, hi+h
			}
			tl, th := bounds(s.total)
			if lo > th || hi < tl {
				return false
			}
		}
		return true
	}
	// find searches for one solution in which cell not (if a hidden cell)
	// differs from value; it stops at the first.
	var not cellRef
	var value int64
	found := false
	var walk func(i int)
	walk = func(i int) {
		if found || !possible() {
			return
		}
		if i == len(vars) {
			found = true
			for _, v := range vars {
				seen[v][val[v]] = true
			}
			return
		}
		x := vars[i]
		lo, hi := bounds(x)
		for n := lo; n <= hi && !found; n++ {
			if hidden[x.r][x.c] == 2 && !whole && n > 0 && n < small || x == not && n == value {
				continue
			}
			val[x] = n
			walk(i + 1)
		}
		delete(val, x)
	}
	// One solution (the table's own values are one), then for each cell
	// one in which it differs.
	not = cellRef{-1, -1}
	walk(0)
	for _, x := range vars {
		for v := range seen[x] {
			not, value, found = x, v, false
		}
		if len(seen[x]) == 1 {
			walk(0)
		}
	}
	return seen
}

// casualtyTable builds a casualty table (killed, injured, civilian,
// military, deminer, total) from rows of (killed, civilian, military,
// deminer) and injured making up each row's total, with its total row.
func casualtyTable(rows [][4]int64) [][]int64 {
	t := make([][]int64, len(rows)+1)
	t[len(rows)] = make([]int64, 6)
	for i, r := range rows {
		total := r[1] + r[2] + r[3]
		t[i] = []int64{r[0], total - r[0], r[1], r[2], r[3], total}
		for c := range 6 {
			t[len(rows)][c] += t[i][c]
		}
	}
	return t
}

func checkProtected(t *testing.T, vals [][]int64, small int64) {
	t.Helper()
	rules := casualtyRules(len(vals) - 1)
	hidden := suppressTable(vals, rules, small, len(vals)-1, 5)
	for x, vs := range solutions(vals, hidden, rules, small, cellRef{len(vals) - 1, 5}) {
		if len(vals) == 2 && x.c == 5 {
			continue // one row: its total is the grand total, which is public
		}
		if len(vs) < 2 {
			t.Errorf("table %v, hidden %v: cell (%d, %d) = %d can be worked out: it takes only the values %v",
				vals, hidden, x.r, x.c, vals[x.r][x.c], vs)
		}
	}
}

// TestBoundsPinNoCount: the row the review solved (83 casualties, 79 of
// them civilians, two "<3") and random tables of two small rows (larger
// ones take the enumeration too long), checked against every solution a
// reader could try, and tables of one row, whose total is the public grand
// total.
func TestBoundsPinNoCount(t *testing.T) {
	for _, row := range [][4]int64{{1, 2, 1, 0}, {0, 2, 0, 0}, {2, 1, 1, 1}, {1, 4, 0, 2}} {
		checkProtected(t, casualtyTable([][4]int64{row}), 3)
	}
	checkProtected(t, casualtyTable([][4]int64{{3, 9, 2, 2}, {1, 5, 3, 4}}), 3)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 150 {
		rows := make([][4]int64, 2)
		for i := range rows {
			for j := range 4 {
				rows[i][j] = int64(rng.IntN(3))
			}
			rows[i][0] = min(rows[i][0], rows[i][1]+rows[i][2]+rows[i][3])
		}
		checkProtected(t, casualtyTable(rows), 3)
		if t.Failed() {
			return
		}
	}
}
