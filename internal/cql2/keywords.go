package cql2

import "strings"

// isReserved reports whether an identifier is an operator keyword, which
// can never be a bare property name.
func isReserved(s string) bool {
	switch strings.ToUpper(s) {
	case "AND", "OR", "NOT", "LIKE", "ILIKE", "BETWEEN", "IN", "IS", "NULL", "TRUE", "FALSE", "DIV":
		return true
	}
	return false
}

// isFunctionName reports whether an identifier followed by '(' is a CQL2
// construct rather than a property; the writer quotes such property names.
func isFunctionName(s string) bool {
	u := strings.ToUpper(s)
	switch u {
	case "CASEI", "ACCENTI", "DATE", "TIMESTAMP", "INTERVAL", "BBOX":
		return true
	}
	_, s1 := spatialOpNamed(u)
	_, s2 := temporalOpNamed(u)
	_, s3 := arrayOpNamed(u)
	return s1 || s2 || s3 || isGeometryTag(u)
}

func isGeometryTag(upper string) bool {
	switch upper {
	case "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION":
		return true
	}
	return false
}

func allSpatialOps() []SpatialOp {
	return []SpatialOp{SIntersects, SEquals, SDisjoint, STouches, SWithin, SOverlaps, SCrosses, SContains}
}

func allTemporalOps() []TemporalOp {
	return []TemporalOp{TAfter, TBefore, TContains, TDisjoint, TDuring, TEquals, TFinishedBy, TFinishes,
		TIntersects, TMeets, TMetBy, TOverlappedBy, TOverlaps, TStartedBy, TStarts}
}

func allArrayOps() []ArrayOp { return []ArrayOp{AEquals, AContains, AContainedBy, AOverlaps} }

// spatialOpNamed finds a spatial predicate by its text name, any case.
func spatialOpNamed(name string) (SpatialOp, bool) {
	for _, op := range allSpatialOps() {
		if strings.EqualFold(string(op), name) {
			return op, true
		}
	}
	return "", false
}

// temporalOpNamed finds a temporal predicate by its text name, any case.
func temporalOpNamed(name string) (TemporalOp, bool) {
	for _, op := range allTemporalOps() {
		if strings.EqualFold(string(op), name) {
			return op, true
		}
	}
	return "", false
}

// arrayOpNamed finds an array predicate by its text name, any case.
func arrayOpNamed(name string) (ArrayOp, bool) {
	for _, op := range allArrayOps() {
		if strings.EqualFold(string(op), name) {
			return op, true
		}
	}
	return "", false
}
