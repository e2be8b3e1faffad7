package cql2

import (
	"strings"
)

// ParseJSON parses a cql2-json filter (OGC 21-065r2, cql2.json): operations
// {"op": ..., "args": [...]}, {"property": ...}, {"date": ...},
// {"timestamp": ...}, {"interval": [...]}, {"bbox": [...]}, GeoJSON
// geometries, JSON arrays, strings, numbers and booleans. Errors are *Error
// values carrying the byte offset of the faulty value.
func ParseJSON(b []byte) (e Expr, err error) {
	if len(b) > MaxInputBytes {
		return nil, errAt(MaxInputBytes, "the filter is longer than %d bytes", MaxInputBytes)
	}
	root, perr := decodeTree(b)
	if perr != nil {
		return nil, perr
	}
	p := &jparser{}
	defer func() {
		if r := recover(); r != nil {
			pp, ok := r.(parsePanic)
			if !ok {
				panic(r)
			}
			e, err = nil, pp.err
		}
	}()
	e = p.value(root)
	if !isBoolean(e) {
		p.fail(root.off, "the filter must be a condition such as {\"op\":\"=\",\"args\":[...]}, not %s", kindName(e))
	}
	return e, nil
}

type jparser struct {
	depth, nodes, points int
}

func (p *jparser) fail(off int, format string, args ...any) {
	panic(parsePanic{errAt(off, format, args...)})
}

func (p *jparser) count(off int) {
	p.nodes++
	if p.nodes > MaxNodes {
		p.fail(off, "the filter has more than %d elements", MaxNodes)
	}
}

// value converts any JSON value to an expression node.
func (p *jparser) value(v *jval) Expr {
	p.count(v.off)
	switch v.kind {
	case jBool:
		return BoolLit{Value: v.b}
	case jNumber:
		n, msg := parseNumber(v.str)
		if msg != "" {
			p.fail(v.off, "%s", msg)
		}
		return n
	case jString:
		return StringLit{Value: v.str}
	case jNull:
		p.fail(v.off, `null is not a value; test for a missing value with {"op":"isNull","args":[...]}`)
	case jArray:
		p.enter(v.off)
		defer p.leave()
		elems := make([]Expr, 0, len(v.arr))
		for _, a := range v.arr {
			e := p.value(a)
			if !isArrayElement(e) {
				p.fail(a.off, "%s cannot be an array element", kindName(e))
			}
			elems = append(elems, e)
		}
		return ArrayLit{Elems: elems}
	}
	switch {
	case v.get("op") != nil:
		return p.operation(v)
	case v.get("property") != nil:
		name := p.str(v.get("property"), "property")
		if name == "" || strings.ContainsRune(name, '"') {
			p.fail(v.off, "a property name must be non-empty and contain no double quote")
		}
		return Property{Name: name}
	case v.get("date") != nil:
		return p.instant(v.get("date"), "DATE")
	case v.get("timestamp") != nil:
		return p.instant(v.get("timestamp"), "TIMESTAMP")
	case v.get("interval") != nil:
		return p.interval(v.get("interval"))
	case v.get("bbox") != nil:
		return p.bbox(v.get("bbox"))
	case v.get("type") != nil:
		return p.geometry(v)
	}
	p.fail(v.off, `unrecognised object: expected "op", "property", "date", "timestamp", "interval", "bbox" or a GeoJSON geometry`)
	return nil
}

func (p *jparser) enter(off int) {
	p.depth++
	if p.depth > MaxDepth {
		p.fail(off, "the filter is nested more than %d levels deep", MaxDepth)
	}
}

func (p *jparser) leave() { p.depth-- }

func (p *jparser) str(v *jval, member string) string {
	if v.kind != jString {
		p.fail(v.off, "%q must be a string, not %s", member, v.kind)
	}
	return v.str
}

func (p *jparser) instant(v *jval, want string) Expr {
	e, msg := parseInstant(p.str(v, strings.ToLower(want)), want)
	if msg != "" {
		p.fail(v.off, "%s", msg)
	}
	return e
}

func (p *jparser) interval(v *jval) Expr {
	if v.kind != jArray || len(v.arr) != 2 {
		p.fail(v.off, `"interval" must be an array of two values: start and end`)
	}
	var ends [2]Expr
	for i, a := range v.arr {
		p.count(a.off)
		switch {
		case a.kind == jString && a.str == "..":
			ends[i] = Unbounded{}
		case a.kind == jString:
			e, msg := parseInstant(a.str, "")
			if msg != "" {
				p.fail(a.off, "%s", msg)
			}
			ends[i] = e
		case a.kind == jObject && a.get("property") != nil:
			ends[i] = p.value(a)
		default:
			p.fail(a.off, `an interval end must be a date or timestamp string, ".." or {"property": ...}, not %s`, a.kind)
		}
	}
	return IntervalLit{Start: ends[0], End: ends[1]}
}

func (p *jparser) number(v *jval, what string) float64 {
	if v.kind != jNumber {
		p.fail(v.off, "expected %s (a number) but found %s", what, v.kind)
	}
	n, msg := parseNumber(v.str)
	if msg != "" {
		p.fail(v.off, "%s", msg)
	}
	return n.Value
}

func (p *jparser) bbox(v *jval) Expr {
	if v.kind != jArray || len(v.arr) != 4 && len(v.arr) != 6 {
		p.fail(v.off, `"bbox" must be an array of 4 numbers (west, south, east, north) or 6 with elevations`)
	}
	c := make([]float64, len(v.arr))
	for i, a := range v.arr {
		c[i] = p.number(a, "a bbox coordinate")
	}
	b := BBoxLit{West: c[0], South: c[1], East: c[2], North: c[3]}
	if len(c) == 6 {
		b = BBoxLit{West: c[0], South: c[1], East: c[3], North: c[4]}
	}
	if msg := checkBBox(b); msg != "" {
		p.fail(v.off, "%s", msg)
	}
	return b
}
