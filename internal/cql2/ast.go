package cql2

import (
	"strings"
	"time"

	"mineaction/internal/geo"
)

// Expr is one node of a filter expression: a predicate (And, Or, Not,
// Comparison, Like, Between, In, IsNull, SpatialPred, TemporalPred,
// ArrayPred, BoolLit) or an operand (Property, a literal, CaseI, AccentI,
// Arith). Nodes are plain values; two trees are equal when reflect.DeepEqual
// says so.
type Expr interface {
	// String writes the node as cql2-text.
	String() string
	// MarshalJSON writes the node as cql2-json.
	MarshalJSON() ([]byte, error)
	node()
}

// And is true when all its arguments are true (two or more).
type And struct{ Args []Expr }

// Or is true when any of its arguments is true (two or more).
type Or struct{ Args []Expr }

// Not negates its argument. The text forms "NOT LIKE", "NOT BETWEEN",
// "NOT IN" and "IS NOT NULL" are parsed as Not around the positive predicate,
// as cql2-json writes them.
type Not struct{ Arg Expr }

// CompareOp is a binary comparison operator as cql2 writes it: "=", "<>",
// "<", "<=", ">", ">=".
type CompareOp string

// The comparison operators.
const (
	Eq CompareOp = "="
	Ne CompareOp = "<>"
	Lt CompareOp = "<"
	Le CompareOp = "<="
	Gt CompareOp = ">"
	Ge CompareOp = ">="
)

// Comparison compares two scalar operands.
type Comparison struct {
	Op          CompareOp
	Left, Right Expr
}

// Like matches a character operand against a pattern: '%' stands for any run
// of characters, '_' for exactly one, and a backslash makes the next
// character literal (translate with SQL "LIKE ? ESCAPE '\'"). Pattern is a
// StringLit, possibly wrapped in CaseI or AccentI.
type Like struct{ Arg, Pattern Expr }

// Between is true when Low <= Arg <= High.
type Between struct{ Arg, Low, High Expr }

// In is true when Arg equals one of List.
type In struct {
	Arg  Expr
	List []Expr
}

// IsNull is true when its operand has no value.
type IsNull struct{ Arg Expr }

// SpatialOp names a spatial predicate by its cql2-json name, for example
// "s_intersects". Relation gives the plain relation name a geometry engine
// uses.
type SpatialOp string

// The spatial predicates.
const (
	SIntersects SpatialOp = "s_intersects"
	SEquals     SpatialOp = "s_equals"
	SDisjoint   SpatialOp = "s_disjoint"
	STouches    SpatialOp = "s_touches"
	SWithin     SpatialOp = "s_within"
	SOverlaps   SpatialOp = "s_overlaps"
	SCrosses    SpatialOp = "s_crosses"
	SContains   SpatialOp = "s_contains"
)

// Relation returns the DE-9IM named relation of the predicate, as GEOS and
// PostGIS call it: "intersects", "equals", "disjoint", "touches", "within",
// "overlaps", "crosses" or "contains".
func (op SpatialOp) Relation() string { return strings.TrimPrefix(string(op), "s_") }

// SpatialPred relates two geometries.
type SpatialPred struct {
	Op          SpatialOp
	Left, Right Expr
}

// TemporalOp names a temporal predicate by its cql2-json name, for example
// "t_after" or "t_finishedBy".
type TemporalOp string

// The temporal predicates.
const (
	TAfter        TemporalOp = "t_after"
	TBefore       TemporalOp = "t_before"
	TContains     TemporalOp = "t_contains"
	TDisjoint     TemporalOp = "t_disjoint"
	TDuring       TemporalOp = "t_during"
	TEquals       TemporalOp = "t_equals"
	TFinishedBy   TemporalOp = "t_finishedBy"
	TFinishes     TemporalOp = "t_finishes"
	TIntersects   TemporalOp = "t_intersects"
	TMeets        TemporalOp = "t_meets"
	TMetBy        TemporalOp = "t_metBy"
	TOverlappedBy TemporalOp = "t_overlappedBy"
	TOverlaps     TemporalOp = "t_overlaps"
	TStartedBy    TemporalOp = "t_startedBy"
	TStarts       TemporalOp = "t_starts"
)

// TemporalPred relates two instants or intervals.
type TemporalPred struct {
	Op          TemporalOp
	Left, Right Expr
}

// ArrayOp names an array predicate by its cql2-json name.
type ArrayOp string

// The array predicates.
const (
	AEquals      ArrayOp = "a_equals"
	AContains    ArrayOp = "a_contains"
	AContainedBy ArrayOp = "a_containedBy"
	AOverlaps    ArrayOp = "a_overlaps"
)

// ArrayPred relates two arrays.
type ArrayPred struct {
	Op          ArrayOp
	Left, Right Expr
}

// ArithOp is an arithmetic operator: "+", "-", "*", "/", "%", "div"
// (integer division) or "^" (power).
type ArithOp string

// The arithmetic operators.
const (
	Add    ArithOp = "+"
	Sub    ArithOp = "-"
	Mul    ArithOp = "*"
	Div    ArithOp = "/"
	Mod    ArithOp = "%"
	IntDiv ArithOp = "div"
	Pow    ArithOp = "^"
)

// Arith combines two numeric operands. A unary minus before anything but a
// number is parsed as -1 * operand, since cql2-json has no unary minus.
type Arith struct {
	Op          ArithOp
	Left, Right Expr
}

// Property refers to a feature property (a queryable) by name.
type Property struct{ Name string }

// StringLit is a character literal.
type StringLit struct{ Value string }

// NumberLit is a numeric literal. Literals written without a fraction or
// exponent that fit in an int64 have IsInt set and their exact value in Int;
// Value always holds the float64 value.
type NumberLit struct {
	Value float64
	Int   int64
	IsInt bool
}

// Int returns an integer literal.
func Int(n int64) NumberLit { return NumberLit{Value: float64(n), Int: n, IsInt: true} }

// Float returns a floating-point literal.
func Float(f float64) NumberLit { return NumberLit{Value: f} }

// BoolLit is TRUE or FALSE.
type BoolLit struct{ Value bool }

// DateLit is a calendar date, DATE('2024-05-01'); Value is midnight UTC.
type DateLit struct{ Value time.Time }

// TimestampLit is an instant, TIMESTAMP('2024-05-01T10:00:00Z'), in UTC.
type TimestampLit struct{ Value time.Time }

// Unbounded is the open end '..' of an interval.
type Unbounded struct{}

// IntervalLit is INTERVAL(start, end). Each end is a DateLit, TimestampLit,
// Unbounded or Property.
type IntervalLit struct{ Start, End Expr }

// GeometryLit is a geometry given as WKT or GeoJSON. Z values are dropped.
type GeometryLit struct{ Geometry geo.Geometry }

// BBoxLit is BBOX(west, south, east, north) in degrees. West may exceed east
// for a box that crosses the antimeridian. Elevations, if given, are dropped.
type BBoxLit struct{ West, South, East, North float64 }

// Geometry returns the box as a polygon, or as two polygons when it crosses
// the antimeridian.
func (b BBoxLit) Geometry() geo.Geometry {
	box := func(w, e float64) geo.Polygon {
		return geo.Polygon{geo.Ring{{X: w, Y: b.South}, {X: e, Y: b.South}, {X: e, Y: b.North}, {X: w, Y: b.North}, {X: w, Y: b.South}}}
	}
	if b.West > b.East {
		return geo.MultiPolygon{box(b.West, 180), box(-180, b.East)}
	}
	return box(b.West, b.East)
}

// ArrayLit is an array literal, ('a', 'b') in text and ["a","b"] in JSON.
type ArrayLit struct{ Elems []Expr }

// CaseI makes a character operand case-insensitive (see FoldCase).
type CaseI struct{ Arg Expr }

// AccentI makes a character operand accent-insensitive (see FoldAccents).
type AccentI struct{ Arg Expr }

func (And) node()          {}
func (Or) node()           {}
func (Not) node()          {}
func (Comparison) node()   {}
func (Like) node()         {}
func (Between) node()      {}
func (In) node()           {}
func (IsNull) node()       {}
func (SpatialPred) node()  {}
func (TemporalPred) node() {}
func (ArrayPred) node()    {}
func (Arith) node()        {}
func (Property) node()     {}
func (StringLit) node()    {}
func (NumberLit) node()    {}
func (BoolLit) node()      {}
func (DateLit) node()      {}
func (TimestampLit) node() {}
func (Unbounded) node()    {}
func (IntervalLit) node()  {}
func (GeometryLit) node()  {}
func (BBoxLit) node()      {}
func (ArrayLit) node()     {}
func (CaseI) node()        {}
func (AccentI) node()      {}
