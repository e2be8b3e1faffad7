package api

import "math/big"

// Small counts are suppressed in two steps, as statistical offices do:
//
//  1. Primary: a count from 1 to the threshold less one is shown as "<3".
//  2. Complementary (secondary): a table's cells are tied by sums (killed +
//     injured = total and civilian + military + deminer = total in every
//     row; the rows of a breakdown add up to its total row), so one hidden
//     cell in a sum can be worked out from the others. While some sum holds
//     exactly one hidden cell, another cell of that sum is withheld ("x"):
//     the smallest non-zero one, preferring the cells of a breakdown row
//     over the total row and the parts over the total column, so that the
//     published totals stay visible where they can. Then, while any hidden
//     cell is still fixed by the sums taken together (solved as a linear
//     system), one more cell of a sum that holds it is withheld the same way.
//  3. Bounds: what is shown also bounds what is hidden: a "<3" is 1 or 2, and
//     every count is at least 0. A row of 83 casualties with 79 civilians
//     and two "<3" is solved by them alone (2 and 2), though no linear
//     combination of its sums is. So, while some hidden cell is pinned to
//     one value by the sums and those bounds (found by narrowing each
//     cell's interval, sum by sum, until nothing changes: see pinned), one
//     more cell of a sum that holds it is withheld the same way.
//
// A table that cannot be protected so (a single small row, whose total row
// repeats it) is withheld whole, every cell "x".
//
// The result is deterministic: it depends only on the table's numbers and
// the order of its rows and columns.

// sumRule is one linear tie between cells of a table: the cells in plus
// add up to the cell total.
type sumRule struct {
	parts []cellRef
	total cellRef
}

// cellRef is a cell of a table: row, column.
type cellRef struct{ r, c int }

// cells returns every cell of the rule, total last.
func (s sumRule) cells() []cellRef { return append(append([]cellRef(nil), s.parts...), s.total) }

// suppressTable decides which cells of vals to hide. small is the primary
// threshold; totalRow and totalCol are the index of the total row and the
// total column (cells there are chosen for complementary suppression last).
// It returns, for every cell, 0 (shown), 1 (primary: below the threshold)
// or 2 (complementary: withheld).
func suppressTable(vals [][]int64, rules []sumRule, small int64, totalRow, totalCol int) [][]int8 {
	hidden := make([][]int8, len(vals))
	for r, row := range vals {
		hidden[r] = make([]int8, len(row))
		for c, n := range row {
			if n > 0 && n < small {
				hidden[r][c] = 1
			}
		}
	}
	// less orders the candidates for complementary suppression: non-zero
	// cells first (a withheld zero protects little), then breakdown rows
	// before the total row, parts before the total column, small before
	// large, and finally by position.
	less := func(a, b cellRef) bool {
		ka := [4]int64{boolInt(vals[a.r][a.c] == 0), boolInt(a.r == totalRow), boolInt(a.c == totalCol), vals[a.r][a.c]}
		kb := [4]int64{boolInt(vals[b.r][b.c] == 0), boolInt(b.r == totalRow), boolInt(b.c == totalCol), vals[b.r][b.c]}
		for i := range ka {
			if ka[i] != kb[i] {
				return ka[i] < kb[i]
			}
		}
		return a.r < b.r || a.r == b.r && a.c < b.c
	}
	// hideOneMore withholds the best shown cell of rule s; false when every
	// cell of s is hidden already.
	hideOneMore := func(s sumRule) bool {
		var best *cellRef
		for _, x := range s.cells() {
			if hidden[x.r][x.c] != 0 {
				continue
			}
			if best == nil || less(x, *best) {
				best = &x
			}
		}
		if best == nil {
			return false
		}
		hidden[best.r][best.c] = 2
		return true
	}
	for {
		changed := false
		for _, s := range rules {
			n := 0
			for _, x := range s.cells() {
				if hidden[x.r][x.c] != 0 {
					n++
				}
			}
			if n == 1 && hideOneMore(s) {
				changed = true
			}
		}
		if changed {
			continue
		}
		fixed := determined(vals, hidden, rules)
		if len(fixed) == 0 {
			fixed = pinned(vals, hidden, rules, small, cellRef{totalRow, totalCol})
		}
		if len(fixed) == 0 {
			return hidden
		}
		for _, s := range rules {
			if containsCell(s.cells(), fixed[0]) && hideOneMore(s) {
				changed = true
				break
			}
		}
		if !changed {
			// Every sum around a fixed cell is hidden already, and it can
			// still be worked out, "<3" telling 1 or 2: the table is too
			// small to break down. Withhold every cell.
			for r := range hidden {
				for c := range hidden[r] {
					hidden[r][c] = 2
				}
			}
			return hidden
		}
	}
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func containsCell(cs []cellRef, x cellRef) bool {
	for _, c := range cs {
		if c == x {
			return true
		}
	}
	return false
}

// determined returns the hidden cells whose value the rules fix, given the
// shown cells: a hidden cell is fixed when its unit vector lies in the row
// space of the rules' coefficients over the hidden cells, which in reduced
// row echelon form means some row has its only non-zero entry there.
func determined(vals [][]int64, hidden [][]int8, rules []sumRule) []cellRef {
	var vars []cellRef
	col := map[cellRef]int{}
	for r := range hidden {
		for c := range hidden[r] {
			if hidden[r][c] != 0 {
				col[cellRef{r, c}] = len(vars)
				vars = append(vars, cellRef{r, c})
			}
		}
	}
	var m [][]*big.Rat
	for _, s := range rules {
		row := make([]*big.Rat, len(vars))
		for i := range row {
			row[i] = new(big.Rat)
		}
		any := false
		for i, x := range s.cells() {
			if j, ok := col[x]; ok {
				coef := int64(1)
				if i == len(s.parts) {
					coef = -1
				}
				row[j].Add(row[j], big.NewRat(coef, 1))
				any = true
			}
		}
		if any {
			m = append(m, row)
		}
	}
	// Gauss-Jordan elimination to reduced row echelon form.
	pivotRow := 0
	for c := 0; c < len(vars) && pivotRow < len(m); c++ {
		p := -1
		for r := pivotRow; r < len(m); r++ {
			if m[r][c].Sign() != 0 {
				p = r
				break
			}
		}
		if p < 0 {
			continue
		}
		m[pivotRow], m[p] = m[p], m[pivotRow]
		inv := new(big.Rat).Inv(m[pivotRow][c])
		for j := range m[pivotRow] {
			m[pivotRow][j].Mul(m[pivotRow][j], inv)
		}
		for r := range m {
			if r == pivotRow || m[r][c].Sign() == 0 {
				continue
			}
			f := new(big.Rat).Set(m[r][c])
			for j := range m[r] {
				m[r][j].Sub(m[r][j], new(big.Rat).Mul(f, m[pivotRow][j]))
			}
		}
		pivotRow++
	}
	var out []cellRef
	for _, row := range m {
		nz, at := 0, -1
		for j, v := range row {
			if v.Sign() != 0 {
				nz++
				at = j
			}
		}
		if nz == 1 {
			out = append(out, vars[at])
		}
	}
	return out
}

// pinned returns the hidden cells that the rules and the bounds a reader
// knows pin to one value: a primary cell lies in [1, small-1], any other
// hidden cell is 0 or at least small, and none exceeds the grand total,
// which the reader knows even where it is withheld (grand: its cell). Each sum narrows the interval of each of its
// hidden cells to what the other cells' intervals leave, until no interval
// changes. Narrowing never excludes a possible value, so a cell it pins is
// truly fixed; it may miss a cell that only the sums solved together with
// the bounds would pin, which a linear program would find.
func pinned(vals [][]int64, hidden [][]int8, rules []sumRule, small int64, grand cellRef) []cellRef {
	type interval struct{ lo, hi float64 }
	iv := map[cellRef]*interval{}
	top := float64(vals[grand.r][grand.c])
	for r := range hidden {
		for c, h := range hidden[r] {
			switch x := (cellRef{r, c}); {
			case x == grand:
				// Known whether shown or not: the national summary gives it.
			case h == 1:
				iv[x] = &interval{1, float64(small - 1)}
			case h == 2:
				iv[x] = &interval{0, top}
			}
		}
	}
	// Each rule as terms: the parts count +1, the total -1, and the shown
	// cells' sum moved to the constant side.
	type term struct {
		x    cellRef
		sign float64
	}
	for pass := 0; pass < 100; pass++ {
		changed := false
		for _, s := range rules {
			var terms []term
			var known float64 // sum of the shown terms
			for i, x := range s.cells() {
				sign := 1.0
				if i == len(s.parts) {
					sign = -1
				}
				if iv[x] == nil {
					known += sign * float64(vals[x.r][x.c])
				} else {
					terms = append(terms, term{x, sign})
				}
			}
			// sum(sign*x over terms) = -known: each term lies between what
			// the others at their extremes leave.
			for _, t := range terms {
				lo, hi := -known, -known // bounds of t.sign * t.x
				for _, o := range terms {
					if o.x == t.x {
						continue
					}
					v := iv[o.x]
					if o.sign > 0 {
						lo, hi = lo-v.hi, hi-v.lo
					} else {
						lo, hi = lo+v.lo, hi+v.hi
					}
				}
				if t.sign < 0 {
					lo, hi = -hi, -lo
				}
				v := iv[t.x]
				if hidden[t.x.r][t.x.c] == 2 {
					// A withheld count is 0 or at least small: from 1 to
					// small-1 it would show as primary.
					if lo > 0 {
						lo = max(lo, float64(small))
					}
					if hi < float64(small) {
						hi = min(hi, 0)
					}
				}
				if lo > v.lo {
					v.lo, changed = lo, true
				}
				if hi < v.hi {
					v.hi, changed = hi, true
				}
			}
		}
		if !changed {
			break
		}
	}
	var out []cellRef
	for r := range hidden {
		for c := range hidden[r] {
			if v := iv[cellRef{r, c}]; v != nil && v.lo >= v.hi {
				out = append(out, cellRef{r, c})
			}
		}
	}
	return out
}
