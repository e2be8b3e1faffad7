package cql2

import (
	"encoding/json"
	"strconv"

	"mineaction/internal/geo"
)

// The cql2-json writer. Its output parses back (ParseJSON) to an equal tree.

func appendJSON(b []byte, e Expr) []byte {
	switch n := e.(type) {
	case And:
		return appendOp(b, "and", n.Args...)
	case Or:
		return appendOp(b, "or", n.Args...)
	case Not:
		return appendOp(b, "not", n.Arg)
	case Comparison:
		return appendOp(b, string(n.Op), n.Left, n.Right)
	case Like:
		return appendOp(b, "like", n.Arg, n.Pattern)
	case Between:
		return appendOp(b, "between", n.Arg, n.Low, n.High)
	case In:
		b = append(b, `{"op":"in","args":[`...)
		b = appendJSON(b, n.Arg)
		b = append(b, ',')
		b = appendArray(b, n.List)
		return append(b, "]}"...)
	case IsNull:
		return appendOp(b, "isNull", n.Arg)
	case SpatialPred:
		return appendOp(b, string(n.Op), n.Left, n.Right)
	case TemporalPred:
		return appendOp(b, string(n.Op), n.Left, n.Right)
	case ArrayPred:
		return appendOp(b, string(n.Op), n.Left, n.Right)
	case Arith:
		return appendOp(b, string(n.Op), n.Left, n.Right)
	case CaseI:
		return appendOp(b, "casei", n.Arg)
	case AccentI:
		return appendOp(b, "accenti", n.Arg)
	case Property:
		b = append(b, `{"property":`...)
		b = appendString(b, n.Name)
		return append(b, '}')
	case StringLit:
		return appendString(b, n.Value)
	case NumberLit:
		return append(b, formatNumber(n)...)
	case BoolLit:
		return strconv.AppendBool(b, n.Value)
	case DateLit:
		return append(b, `{"date":"`+formatDate(n.Value)+`"}`...)
	case TimestampLit:
		return append(b, `{"timestamp":"`+formatTimestamp(n.Value)+`"}`...)
	case Unbounded:
		return append(b, `".."`...)
	case IntervalLit:
		b = append(b, `{"interval":[`...)
		b = appendIntervalEnd(b, n.Start)
		b = append(b, ',')
		b = appendIntervalEnd(b, n.End)
		return append(b, "]}"...)
	case GeometryLit:
		return geo.AppendGeoJSON(b, n.Geometry)
	case BBoxLit:
		b = append(b, `{"bbox":[`...)
		for i, f := range []float64{n.West, n.South, n.East, n.North} {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, formatFloat(f)...)
		}
		return append(b, "]}"...)
	case ArrayLit:
		return appendArray(b, n.Elems)
	}
	return append(b, "null"...)
}

func appendOp(b []byte, op string, args ...Expr) []byte {
	b = append(b, `{"op":`...)
	b = appendString(b, op)
	b = append(b, `,"args":`...)
	b = appendArray(b, args)
	return append(b, '}')
}

func appendArray(b []byte, list []Expr) []byte {
	b = append(b, '[')
	for i, a := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSON(b, a)
	}
	return append(b, ']')
}

func appendIntervalEnd(b []byte, e Expr) []byte {
	switch n := e.(type) {
	case DateLit:
		return append(b, `"`+formatDate(n.Value)+`"`...)
	case TimestampLit:
		return append(b, `"`+formatTimestamp(n.Value)+`"`...)
	}
	return appendJSON(b, e)
}

func appendString(b []byte, s string) []byte {
	q, _ := json.Marshal(s) // a string always marshals
	return append(b, q...)
}

// MarshalJSON writes the expression as cql2-json.
func (n And) MarshalJSON() ([]byte, error) { return appendJSON(nil, n), nil }

// MarshalJSON writes the expression as cql2-json.
func (n Or) MarshalJSON() ([]byte, error) { return appendJSON(nil, n), nil }

// MarshalJSON writes the expression as cql2-json.
func (n Not) MarshalJSON() ([]byte, error) { return appendJSON(nil, n), nil }

// MarshalJSON writes the expression as cql2-json.
func (n Comparison) MarshalJSON() ([]byte, error) { return appendJSON(nil, n), nil }

// MarshalJSON writes the expression as cql2-json.
func (n Like) MarshalJSON() ([]byte, error) { return appendJSON(nil, n), nil }

// MarshalJSON writes the expression as cql2-json.
func (n Between) MarshalJSON() ([]byte, error) { return appendJSON(nil, n), nil }

// MarshalJSON writes the expression as cql2-json.
func (n In) MarshalJSON() ([]byte, error) { return appendJSON(nil, n), nil }

// MarshalJSON writes the expression as cql2-json.
func (n IsNull) MarshalJSON() ([]byte, error) { return appendJSON(nil, n), nil }

// MarshalJSON writes the expression as cql2-json.
func (n SpatialPred) MarshalJSON() ([]byte, error) { return appendJSON(nil, n), nil }

// MarshalJSON writes the expression as cql2-json.
func (n TemporalPred) MarshalJSON() ([]byte, error) { return appendJSON(nil, n), nil }

// MarshalJSON writes the expression as cql2-json.
func (n ArrayPred) MarshalJSON() ([]byte, error) { return appendJSON(nil, n), nil }

// MarshalJSON writes the expression as cql2-json.
func (n Arith) MarshalJSON() ([]byte, error) { return appendJSON(nil, n), nil }

// MarshalJSON writes {"property": name}.
func (n Property) MarshalJSON() ([]byte, error) { return appendJSON(nil, n), nil }

// MarshalJSON writes a JSON string.
func (n StringLit) MarshalJSON() ([]byte, error) { return appendJSON(nil, n), nil }

// MarshalJSON writes a JSON number.
func (n NumberLit) MarshalJSON() ([]byte, error) { return appendJSON(nil, n), nil }

// MarshalJSON writes true or false.
func (n BoolLit) MarshalJSON() ([]byte, error) { return appendJSON(nil, n), nil }

// MarshalJSON writes {"date": ...}.
func (n DateLit) MarshalJSON() ([]byte, error) { return appendJSON(nil, n), nil }

// MarshalJSON writes {"timestamp": ...}.
func (n TimestampLit) MarshalJSON() ([]byte, error) { return appendJSON(nil, n), nil }

// MarshalJSON writes "..".
func (n Unbounded) MarshalJSON() ([]byte, error) { return appendJSON(nil, n), nil }

// MarshalJSON writes {"interval": [start, end]}.
func (n IntervalLit) MarshalJSON() ([]byte, error) { return appendJSON(nil, n), nil }

// MarshalJSON writes a GeoJSON geometry.
func (n GeometryLit) MarshalJSON() ([]byte, error) { return appendJSON(nil, n), nil }

// MarshalJSON writes {"bbox": [west, south, east, north]}.
func (n BBoxLit) MarshalJSON() ([]byte, error) { return appendJSON(nil, n), nil }

// MarshalJSON writes a JSON array.
func (n ArrayLit) MarshalJSON() ([]byte, error) { return appendJSON(nil, n), nil }

// MarshalJSON writes {"op": "casei", "args": [...]}.
func (n CaseI) MarshalJSON() ([]byte, error) { return appendJSON(nil, n), nil }

// MarshalJSON writes {"op": "accenti", "args": [...]}.
func (n AccentI) MarshalJSON() ([]byte, error) { return appendJSON(nil, n), nil }
