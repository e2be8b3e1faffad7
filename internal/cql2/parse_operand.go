package cql2

import "strings"

// arith parses an additive expression. Each operator of a chain counts as a
// level of depth, since a chain of n operators is a tree n deep.
func (p *parser) arith(context string) Expr {
	left := p.term(context)
	levels := 0
	for t := p.peek(); !p.legacy && (isPunct(t, "+") || isPunct(t, "-")); t = p.peek() {
		p.next()
		p.enter(t.pos)
		levels++
		left = p.arithNode(ArithOp(t.text), left, p.term("a number after '"+t.text+"'"), t.pos)
	}
	p.depth -= levels
	return left
}

func (p *parser) term(context string) Expr {
	left := p.power(context)
	levels := 0
	for t := p.peek(); !p.legacy && (isPunct(t, "*") || isPunct(t, "/") || isPunct(t, "%") || isKeyword(t, "DIV")); t = p.peek() {
		p.next()
		p.enter(t.pos)
		levels++
		op := ArithOp(strings.ToLower(t.text))
		left = p.arithNode(op, left, p.power("a number after '"+t.text+"'"), t.pos)
	}
	p.depth -= levels
	return left
}

func (p *parser) power(context string) Expr {
	left := p.unary(context)
	if t := p.peek(); !p.legacy && isPunct(t, "^") {
		p.next()
		p.enter(t.pos)
		left = p.arithNode(Pow, left, p.unary("a number after '^'"), t.pos)
		p.leave()
	}
	return left
}

func (p *parser) arithNode(op ArithOp, l, r Expr, off int) Expr {
	if !isNumeric(l) || !isNumeric(r) {
		bad := l
		if isNumeric(l) {
			bad = r
		}
		p.fail(off, "'%s' needs numbers on both sides, not %s", op, kindName(bad))
	}
	p.count()
	return Arith{Op: op, Left: l, Right: r}
}

// unary parses a signed number or a negated operand.
func (p *parser) unary(context string) Expr {
	t := p.peek()
	if !isPunct(t, "-") && !isPunct(t, "+") {
		return p.primary(context)
	}
	p.next()
	if n := p.peek(); n.kind == tNumber {
		p.next()
		p.count()
		return p.number(t.text+n.text, t.pos)
	}
	if t.text == "+" || p.legacy {
		p.fail(p.peek().pos, "expected a number after '%s' but found %s", t.text, p.peek().describe())
	}
	p.enter(t.pos)
	off := p.peek().pos
	operand := p.unary("a number after '-'")
	if !isNumeric(operand) {
		p.fail(off, "'-' needs a number, not %s", kindName(operand))
	}
	p.leave()
	p.count()
	p.count()
	return Arith{Op: Mul, Left: Int(-1), Right: operand}
}

func (p *parser) primary(context string) Expr {
	t := p.peek()
	switch t.kind {
	case tNumber:
		p.next()
		p.count()
		return p.number(t.text, t.pos)
	case tString:
		p.next()
		p.count()
		return StringLit{Value: t.text}
	case tQuoted:
		p.next()
		p.count()
		return Property{Name: t.text}
	case tPunct:
		if t.text == "(" {
			p.next()
			p.enter(t.pos)
			e := p.or("an expression after '('")
			if c := p.next(); !isPunct(c, ")") {
				p.fail(c.pos, "expected ')' to close the '(' at position %d but found %s", t.pos+1, c.describe())
			}
			p.leave()
			return e
		}
	case tIdent:
		u := strings.ToUpper(t.text)
		switch {
		case u == "TRUE" || u == "FALSE":
			p.next()
			p.count()
			return BoolLit{Value: u == "TRUE"}
		case u == "NULL":
			p.fail(t.pos, "NULL is not a value; test for it with IS NULL or IS NOT NULL")
		case isReserved(u):
			p.fail(t.pos, "expected %s but found %s", context, t.describe())
		case isPunct(p.peekAt(1), "("),
			isGeometryTag(u) && isKeyword(p.peekAt(1), "EMPTY"),
			isGeometryTag(u) && isKeyword(p.peekAt(1), "Z") && (isPunct(p.peekAt(2), "(") || isKeyword(p.peekAt(2), "EMPTY")):
			return p.call(t)
		}
		p.next()
		p.count()
		return Property{Name: t.text}
	}
	p.fail(t.pos, "expected %s but found %s", context, t.describe())
	return nil
}

// call parses NAME( ... ): CASEI, ACCENTI, DATE, TIMESTAMP, INTERVAL, BBOX,
// a WKT literal, or an S_, T_ or A_ predicate.
func (p *parser) call(t token) Expr {
	u := strings.ToUpper(t.text)
	if p.legacy {
		if isFunctionName(u) {
			p.fail(t.pos, "%s(...) is CQL2 and not part of cql-text; send this filter with filter-lang=cql2-text", u)
		}
		p.fail(t.pos, "unknown function %s", t.describe())
	}
	if isGeometryTag(u) {
		return p.wkt()
	}
	p.next()
	open := p.expectPunct("(", "after "+u)
	p.enter(open.pos)
	defer p.leave()
	var e Expr
	switch u {
	case "CASEI", "ACCENTI":
		off := p.peek().pos
		arg := p.arith("a property or a string inside " + u + "(...)")
		if !isCharacter(arg) {
			p.fail(off, "%s works on text: a property or a string, not %s", u, kindName(arg))
		}
		e = CaseI{Arg: arg}
		if u == "ACCENTI" {
			e = AccentI{Arg: arg}
		}
	case "DATE", "TIMESTAMP":
		s := p.next()
		if s.kind != tString {
			p.fail(s.pos, "expected a quoted value such as '2024-05-01' inside %s(...) but found %s", u, s.describe())
		}
		e = p.instant(s, u)
	case "INTERVAL":
		start := p.intervalEnd()
		p.expectPunct(",", "between the start and end of INTERVAL")
		e = IntervalLit{Start: start, End: p.intervalEnd()}
	case "BBOX":
		e = p.bbox(open.pos)
	default:
		e = p.predicateCall(t, u)
	}
	p.expectPunct(")", "to close "+u+"(...)")
	p.count()
	return e
}

func (p *parser) predicateCall(t token, u string) Expr {
	if op, ok := spatialOpNamed(u); ok {
		l, r := p.twoArgs(u, isGeometry, p.arith, "geometries: a property, a WKT literal or BBOX(...)")
		return SpatialPred{Op: op, Left: l, Right: r}
	}
	if op, ok := temporalOpNamed(u); ok {
		l, r := p.twoArgs(u, isTemporal, p.arith, "dates, timestamps, intervals or properties")
		return TemporalPred{Op: op, Left: l, Right: r}
	}
	if op, ok := arrayOpNamed(u); ok {
		l, r := p.twoArgs(u, isArray, p.arrayOperand, "arrays such as ('a', 'b') or properties")
		return ArrayPred{Op: op, Left: l, Right: r}
	}
	p.fail(t.pos, "unknown function %s: this server offers no custom functions", t.describe())
	return nil
}

func (p *parser) twoArgs(name string, ok func(Expr) bool, parse func(string) Expr, want string) (Expr, Expr) {
	var args [2]Expr
	for i := range args {
		if i == 1 {
			p.expectPunct(",", "between the two arguments of "+name)
		}
		off := p.peek().pos
		args[i] = parse("an argument of " + name)
		if !ok(args[i]) {
			p.fail(off, "%s takes %s, not %s", name, want, kindName(args[i]))
		}
	}
	return args[0], args[1]
}

func (p *parser) arrayOperand(context string) Expr {
	if isPunct(p.peek(), "(") {
		return p.array()
	}
	return p.arith(context)
}

// array parses ( element, ... ), where an element in parentheses is itself
// an array.
func (p *parser) array() Expr {
	open := p.next()
	p.enter(open.pos)
	defer p.leave()
	p.count()
	elems := []Expr{}
	if isPunct(p.peek(), ")") {
		p.next()
		return ArrayLit{Elems: elems}
	}
	for {
		off := p.peek().pos
		e := p.arrayOperand("an array element")
		if !isArrayElement(e) {
			p.fail(off, "%s cannot be an array element", kindName(e))
		}
		elems = append(elems, e)
		t := p.next()
		if isPunct(t, ")") {
			return ArrayLit{Elems: elems}
		}
		if !isPunct(t, ",") {
			p.fail(t.pos, "expected ',' or ')' in the array but found %s", t.describe())
		}
	}
}

// intervalEnd parses one end of INTERVAL: a quoted date or timestamp, '..'
// or a property.
func (p *parser) intervalEnd() Expr {
	t := p.next()
	p.count()
	switch {
	case t.kind == tString && t.text == "..":
		return Unbounded{}
	case t.kind == tString:
		return p.instant(t, "INTERVAL")
	case t.kind == tQuoted || t.kind == tIdent && !isReserved(t.text) && !isPunct(p.peek(), "("):
		return Property{Name: t.text}
	}
	p.fail(t.pos, "expected a quoted date or timestamp, '..' or a property inside INTERVAL(...) but found %s", t.describe())
	return nil
}
