package cql2

import (
	"strings"

	"mineaction/internal/geo"
)

// operation converts {"op": ..., "args": [...]}.
func (p *jparser) operation(v *jval) Expr {
	op := p.str(v.get("op"), "op")
	kind := jsonOpKind(op)
	if kind == "" {
		for _, known := range jsonOpNames() {
			if strings.EqualFold(op, known) {
				p.fail(v.get("op").off, "unknown operator %q; did you mean %q?", op, known)
			}
		}
		p.fail(v.get("op").off, "unknown operator %q: this server offers no custom functions", op)
	}
	av := v.get("args")
	if av == nil || av.kind != jArray {
		p.fail(v.off, `operation %q needs an "args" array`, op)
	}
	p.enter(v.off)
	defer p.leave()
	want := map[string]int{"not": 1, "isNull": 1, "casei": 1, "accenti": 1, "like": 2, "in": 2, "between": 3}[kind]
	switch {
	case kind == "and" || kind == "or":
		if len(av.arr) < 2 {
			p.fail(av.off, "%q needs at least 2 arguments, found %d", op, len(av.arr))
		}
	case want == 0:
		want = 2
		fallthrough
	default:
		if len(av.arr) != want {
			p.fail(av.off, "%q needs %d argument(s), found %d", op, want, len(av.arr))
		}
	}
	if kind == "in" {
		return p.inList(av)
	}
	args := make([]Expr, len(av.arr))
	for i, a := range av.arr {
		args[i] = p.value(a)
	}
	need := func(i int, ok func(Expr) bool, what string) {
		if !ok(args[i]) {
			p.fail(av.arr[i].off, "argument %d of %q must be %s, not %s", i+1, op, what, kindName(args[i]))
		}
	}
	for i := range args {
		switch kind {
		case "and", "or", "not":
			need(i, isBoolean, "a condition")
		case "compare":
			need(i, isScalar, "a property, a literal or an arithmetic expression")
		case "between", "arith":
			need(i, isNumeric, "a number, a property or an arithmetic expression")
		case "isNull":
			need(i, isNullOperand, "a property or a value")
		case "casei", "accenti":
			need(i, isCharacter, "a property or a string")
		case "spatial":
			need(i, isGeometry, "a geometry, a bbox or a property")
		case "temporal":
			need(i, isTemporal, "a date, a timestamp, an interval or a property")
		case "array":
			need(i, isArray, "an array or a property")
		}
	}
	switch kind {
	case "and":
		return And{Args: args}
	case "or":
		return Or{Args: args}
	case "not":
		return Not{Arg: args[0]}
	case "compare":
		return Comparison{Op: CompareOp(op), Left: args[0], Right: args[1]}
	case "arith":
		return Arith{Op: ArithOp(op), Left: args[0], Right: args[1]}
	case "like":
		need(0, isCharacter, "a property or a string")
		need(1, isPattern, "a pattern string")
		return Like{Arg: args[0], Pattern: args[1]}
	case "between":
		return Between{Arg: args[0], Low: args[1], High: args[2]}
	case "isNull":
		return IsNull{Arg: args[0]}
	case "casei":
		return CaseI{Arg: args[0]}
	case "accenti":
		return AccentI{Arg: args[0]}
	case "spatial":
		return SpatialPred{Op: SpatialOp(op), Left: args[0], Right: args[1]}
	case "temporal":
		return TemporalPred{Op: TemporalOp(op), Left: args[0], Right: args[1]}
	default:
		return ArrayPred{Op: ArrayOp(op), Left: args[0], Right: args[1]}
	}
}

// jsonOpKind classifies a cql2-json operator name (case-sensitive).
func jsonOpKind(op string) string {
	switch op {
	case "and", "or", "not", "like", "between", "in", "isNull", "casei", "accenti":
		return op
	case "=", "<>", "<", "<=", ">", ">=":
		return "compare"
	case "+", "-", "*", "/", "%", "div", "^":
		return "arith"
	}
	if s, ok := spatialOpNamed(op); ok && string(s) == op {
		return "spatial"
	}
	if t, ok := temporalOpNamed(op); ok && string(t) == op {
		return "temporal"
	}
	if a, ok := arrayOpNamed(op); ok && string(a) == op {
		return "array"
	}
	return ""
}

func jsonOpNames() []string {
	names := []string{"and", "or", "not", "like", "between", "in", "isNull", "casei", "accenti", "div"}
	for _, op := range allSpatialOps() {
		names = append(names, string(op))
	}
	for _, op := range allTemporalOps() {
		names = append(names, string(op))
	}
	for _, op := range allArrayOps() {
		names = append(names, string(op))
	}
	return names
}

func (p *jparser) inList(av *jval) Expr {
	arg := p.value(av.arr[0])
	if !isScalar(arg) {
		p.fail(av.arr[0].off, "the first argument of \"in\" must be a property or a value, not %s", kindName(arg))
	}
	lv := av.arr[1]
	if lv.kind != jArray || len(lv.arr) == 0 {
		p.fail(lv.off, "the second argument of \"in\" must be a non-empty array of values")
	}
	list := make([]Expr, len(lv.arr))
	for i, a := range lv.arr {
		list[i] = p.value(a)
		if !isScalar(list[i]) {
			p.fail(a.off, "%s cannot stand in an \"in\" list", kindName(list[i]))
		}
	}
	return In{Arg: arg, List: list}
}

// geometry converts a GeoJSON geometry object. Positions keep x and y;
// further values (altitude) are dropped.
func (p *jparser) geometry(v *jval) Expr {
	typ := p.str(v.get("type"), "type")
	switch typ {
	case "MultiLineString":
		p.fail(v.off, "MultiLineString geometries are not supported: this server's geometry model has no multi-linestrings; combine LineString predicates with \"or\" instead")
	case "GeometryCollection":
		p.fail(v.off, "GeometryCollection geometries are not supported; combine the geometries' predicates with \"or\" instead")
	case "Point", "LineString", "Polygon", "MultiPoint", "MultiPolygon":
	default:
		p.fail(v.get("type").off, "unknown geometry type %q", typ)
	}
	c := v.get("coordinates")
	if c == nil {
		p.fail(v.off, "the %s has no \"coordinates\"", typ)
	}
	var g geo.Geometry
	switch typ {
	case "Point":
		g = p.position(c)
	case "LineString":
		g = geo.LineString(p.line(c, 2))
	case "Polygon":
		g = p.polygon(c)
	case "MultiPoint":
		g = geo.MultiPoint(p.line(c, 1))
	case "MultiPolygon":
		var mp geo.MultiPolygon
		for _, pv := range p.list(c, 1) {
			mp = append(mp, p.polygon(pv))
		}
		g = mp
	}
	return GeometryLit{Geometry: g}
}

func (p *jparser) list(v *jval, min int) []*jval {
	if v.kind != jArray || len(v.arr) < min {
		p.fail(v.off, "expected an array of at least %d element(s)", min)
	}
	return v.arr
}

func (p *jparser) position(v *jval) geo.Point {
	c := p.list(v, 2)
	p.points++
	if p.points > MaxPoints {
		p.fail(v.off, "the geometry literals have more than %d positions", MaxPoints)
	}
	pt := geo.Point{X: p.number(c[0], "an x coordinate"), Y: p.number(c[1], "a y coordinate")}
	for _, z := range c[2:] {
		p.number(z, "a z coordinate")
	}
	return pt
}

func (p *jparser) line(v *jval, min int) []geo.Point {
	vs := p.list(v, min)
	pts := make([]geo.Point, len(vs))
	for i, pv := range vs {
		pts[i] = p.position(pv)
	}
	return pts
}

func (p *jparser) polygon(v *jval) geo.Polygon {
	var poly geo.Polygon
	for _, rv := range p.list(v, 1) {
		ring := geo.Ring(p.line(rv, 0))
		if msg := checkRing(ring); msg != "" {
			p.fail(rv.off, "%s", msg)
		}
		poly = append(poly, ring)
	}
	return poly
}
