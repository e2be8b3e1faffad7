package cql2

import "mineaction/internal/geo"

// Class is a CQL2 conformance class, by the last segment of its URI.
type Class string

// The CQL2 conformance classes an expression can need.
const (
	BasicCQL2                   Class = "basic-cql2"
	AdvancedComparison          Class = "advanced-comparison-operators"
	CaseInsensitiveComparison   Class = "case-insensitive-comparison"
	AccentInsensitiveComparison Class = "accent-insensitive-comparison"
	BasicSpatialFunctions       Class = "basic-spatial-functions"
	BasicSpatialFunctionsPlus   Class = "basic-spatial-functions-plus"
	SpatialFunctions            Class = "spatial-functions"
	TemporalFunctions           Class = "temporal-functions"
	ArrayFunctions              Class = "array-functions"
	PropertyProperty            Class = "property-property"
	Arithmetic                  Class = "arithmetic"
)

// URI returns the class's identifier, as listed in /conformance.
func (c Class) URI() string { return "http://www.opengis.net/spec/cql2/1.0/conf/" + string(c) }

// Conformance returns the conformance classes e needs, in the order of the
// constants above, so that a server can refuse a filter that uses a class it
// does not declare. Every expression needs BasicCQL2. Beyond the operators
// themselves:
//
//   - S_INTERSECTS with a POINT or BBOX literal needs BasicSpatialFunctions;
//     with any other geometry literal BasicSpatialFunctionsPlus; every other
//     S_ predicate needs SpatialFunctions;
//   - an operator whose first operand is not a property, or whose other
//     operands are not all literals (for example a = b, or 5 < a), needs
//     PropertyProperty. CASEI and ACCENTI around a property count as the
//     property; arithmetic counts as a property if it contains one.
func Conformance(e Expr) []Class {
	used := map[Class]bool{BasicCQL2: true}
	Walk(e, func(n Expr) bool {
		switch n := n.(type) {
		case Like, Between, In:
			used[AdvancedComparison] = true
		case CaseI:
			used[CaseInsensitiveComparison] = true
		case AccentI:
			used[AccentInsensitiveComparison] = true
		case Arith:
			used[Arithmetic] = true
		case TemporalPred:
			used[TemporalFunctions] = true
		case ArrayPred:
			used[ArrayFunctions] = true
		case SpatialPred:
			switch {
			case n.Op != SIntersects:
				used[SpatialFunctions] = true
			case onlyPointsAndBoxes(n.Left) && onlyPointsAndBoxes(n.Right):
				used[BasicSpatialFunctions] = true
			default:
				used[BasicSpatialFunctionsPlus] = true
			}
		}
		if ops := Children(n); isBoolean(n) && len(ops) > 0 && !isLogical(n) && !propertyFirst(ops) {
			used[PropertyProperty] = true
		}
		return true
	})
	var out []Class
	for _, c := range []Class{BasicCQL2, AdvancedComparison, CaseInsensitiveComparison, AccentInsensitiveComparison,
		BasicSpatialFunctions, BasicSpatialFunctionsPlus, SpatialFunctions, TemporalFunctions, ArrayFunctions,
		PropertyProperty, Arithmetic} {
		if used[c] {
			out = append(out, c)
		}
	}
	return out
}

func isLogical(e Expr) bool {
	switch e.(type) {
	case And, Or, Not:
		return true
	}
	return false
}

// propertyFirst reports whether a predicate's operands have the basic shape:
// a property first and only literals after it.
func propertyFirst(ops []Expr) bool {
	if !refersToProperty(ops[0]) {
		return false
	}
	for _, o := range ops[1:] {
		if refersToProperty(o) {
			return false
		}
	}
	return true
}

func refersToProperty(e Expr) bool {
	found := false
	Walk(e, func(n Expr) bool {
		if _, ok := n.(Property); ok {
			found = true
		}
		return !found
	})
	return found
}

func onlyPointsAndBoxes(e Expr) bool {
	switch n := e.(type) {
	case GeometryLit:
		_, ok := n.Geometry.(geo.Point)
		return ok
	}
	return true
}
