package cql2

import "sort"

// Children returns the direct operands of e, in order.
func Children(e Expr) []Expr {
	switch n := e.(type) {
	case And:
		return n.Args
	case Or:
		return n.Args
	case Not:
		return []Expr{n.Arg}
	case Comparison:
		return []Expr{n.Left, n.Right}
	case Like:
		return []Expr{n.Arg, n.Pattern}
	case Between:
		return []Expr{n.Arg, n.Low, n.High}
	case In:
		return append([]Expr{n.Arg}, n.List...)
	case IsNull:
		return []Expr{n.Arg}
	case SpatialPred:
		return []Expr{n.Left, n.Right}
	case TemporalPred:
		return []Expr{n.Left, n.Right}
	case ArrayPred:
		return []Expr{n.Left, n.Right}
	case Arith:
		return []Expr{n.Left, n.Right}
	case IntervalLit:
		return []Expr{n.Start, n.End}
	case ArrayLit:
		return n.Elems
	case CaseI:
		return []Expr{n.Arg}
	case AccentI:
		return []Expr{n.Arg}
	}
	return nil
}

// Walk calls fn for e and, while fn returns true, for its operands, depth
// first. Trees from the parsers are at most MaxDepth deep.
func Walk(e Expr, fn func(Expr) bool) {
	if e == nil || !fn(e) {
		return
	}
	for _, c := range Children(e) {
		Walk(c, fn)
	}
}

// Properties returns the names of the properties e refers to, sorted and
// without repeats.
func Properties(e Expr) []string {
	seen := map[string]bool{}
	Walk(e, func(n Expr) bool {
		if p, ok := n.(Property); ok {
			seen[p.Name] = true
		}
		return true
	})
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
