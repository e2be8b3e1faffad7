package cql2

// The operand kinds the grammar allows in each position. Both parsers build
// nodes through these checks so that text and JSON accept the same trees.

// isBoolean reports whether e is a predicate: something AND, OR and NOT take.
func isBoolean(e Expr) bool {
	switch e.(type) {
	case And, Or, Not, Comparison, Like, Between, In, IsNull, SpatialPred, TemporalPred, ArrayPred, BoolLit:
		return true
	}
	return false
}

// isScalar reports whether e can be compared with = < and friends.
func isScalar(e Expr) bool {
	switch e.(type) {
	case Property, StringLit, NumberLit, BoolLit, DateLit, TimestampLit, CaseI, AccentI, Arith:
		return true
	}
	return false
}

// isCharacter reports whether e is a characterExpression.
func isCharacter(e Expr) bool {
	switch n := e.(type) {
	case Property, StringLit:
		return true
	case CaseI:
		return isCharacter(n.Arg)
	case AccentI:
		return isCharacter(n.Arg)
	}
	return false
}

// isPattern reports whether e is a LIKE pattern: a string literal, possibly
// inside CASEI and ACCENTI.
func isPattern(e Expr) bool {
	switch n := e.(type) {
	case StringLit:
		return true
	case CaseI:
		return isPattern(n.Arg)
	case AccentI:
		return isPattern(n.Arg)
	}
	return false
}

// isNumeric reports whether e is a numericExpression.
func isNumeric(e Expr) bool {
	switch e.(type) {
	case NumberLit, Property, Arith:
		return true
	}
	return false
}

func isGeometry(e Expr) bool {
	switch e.(type) {
	case GeometryLit, BBoxLit, Property:
		return true
	}
	return false
}

func isTemporal(e Expr) bool {
	switch e.(type) {
	case DateLit, TimestampLit, IntervalLit, Property:
		return true
	}
	return false
}

func isArray(e Expr) bool {
	switch e.(type) {
	case ArrayLit, Property:
		return true
	}
	return false
}

func isIntervalEnd(e Expr) bool {
	switch e.(type) {
	case DateLit, TimestampLit, Unbounded, Property:
		return true
	}
	return false
}

// isArrayElement reports whether e may stand inside an array literal.
func isArrayElement(e Expr) bool {
	return isScalar(e) || isGeometry(e) || isTemporal(e) || isArray(e)
}

// isNullOperand reports whether IS NULL may test e.
func isNullOperand(e Expr) bool {
	return isScalar(e) || isGeometry(e) || isTemporal(e) || isBoolean(e)
}

// kindName says what kind of thing e is, for error messages.
func kindName(e Expr) string {
	switch n := e.(type) {
	case Property:
		return "property " + quoteName(n.Name)
	case StringLit:
		return "the string '" + shorten(n.Value) + "'"
	case NumberLit:
		return "the number " + formatNumber(n)
	case BoolLit:
		return "the boolean " + n.String()
	case DateLit:
		return "a date"
	case TimestampLit:
		return "a timestamp"
	case IntervalLit:
		return "an interval"
	case GeometryLit:
		return "a " + n.Geometry.Type() + " geometry"
	case BBoxLit:
		return "a BBOX"
	case ArrayLit:
		return "an array"
	case CaseI, AccentI:
		return "a CASEI/ACCENTI expression"
	case Arith:
		return "an arithmetic expression"
	case Unbounded:
		return "'..'"
	}
	return "a predicate"
}
