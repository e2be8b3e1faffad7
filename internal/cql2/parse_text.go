package cql2

import (
	"strings"
	"unicode/utf8"
)

// ParseText parses a cql2-text filter (OGC 21-065r2, cql2.bnf). Keywords are
// case-insensitive; NOT binds tighter than AND, and AND tighter than OR.
// Errors are *Error values carrying the byte offset of the fault.
func ParseText(s string) (Expr, error) { return parseText(s, false) }

// parser is a recursive-descent parser over the lexer's tokens. Failures
// unwind by panic with a *Error and are recovered at the entry point, which
// keeps the grammar code free of error plumbing.
type parser struct {
	lx     lexer
	buf    []token
	depth  int
	nodes  int
	points int
	legacy bool
}

type parsePanic struct{ err *Error }

func parseText(s string, legacy bool) (e Expr, err error) {
	if len(s) > MaxInputBytes {
		return nil, errAt(MaxInputBytes, "the filter is longer than %d bytes", MaxInputBytes)
	}
	if !utf8.ValidString(s) {
		off := 0
		for off < len(s) {
			r, n := utf8.DecodeRuneInString(s[off:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			off += n
		}
		return nil, errAt(off, "the filter is not valid UTF-8")
	}
	p := &parser{lx: lexer{src: s, legacy: legacy}, legacy: legacy}
	defer func() {
		if r := recover(); r != nil {
			pp, ok := r.(parsePanic)
			if !ok {
				panic(r)
			}
			e, err = nil, pp.err
		}
	}()
	return p.filter(), nil
}

func (p *parser) fail(off int, format string, args ...any) {
	panic(parsePanic{errAt(off, format, args...)})
}

func (p *parser) peekAt(i int) token {
	for len(p.buf) <= i {
		t, err := p.lx.next()
		if err != nil {
			panic(parsePanic{err.(*Error)})
		}
		p.buf = append(p.buf, t)
	}
	return p.buf[i]
}

func (p *parser) peek() token { return p.peekAt(0) }

func (p *parser) next() token {
	t := p.peek()
	p.buf = p.buf[1:]
	return t
}

func isKeyword(t token, kw string) bool { return t.kind == tIdent && strings.EqualFold(t.text, kw) }

func isPunct(t token, s string) bool { return t.kind == tPunct && t.text == s }

func (p *parser) expectPunct(s, context string) token {
	t := p.next()
	if !isPunct(t, s) {
		p.fail(t.pos, "expected '%s' %s but found %s", s, context, t.describe())
	}
	return t
}

// count registers one more node against MaxNodes.
func (p *parser) count() {
	p.nodes++
	if p.nodes > MaxNodes {
		p.fail(p.peek().pos, "the filter has more than %d elements", MaxNodes)
	}
}

func (p *parser) enter(off int) {
	p.depth++
	if p.depth > MaxDepth {
		p.fail(off, "the filter is nested more than %d levels deep", MaxDepth)
	}
}

func (p *parser) leave() { p.depth-- }

func (p *parser) filter() Expr {
	if p.peek().kind == tEOF {
		p.fail(0, "the filter is empty")
	}
	start := p.peek().pos
	e := p.or("a condition")
	if t := p.peek(); t.kind != tEOF {
		if isPunct(t, ")") {
			p.fail(t.pos, "')' has no matching '('")
		}
		p.fail(t.pos, "expected AND, OR or the end of the filter but found %s", t.describe())
	}
	p.requireBoolean(e, start)
	return e
}

func (p *parser) requireBoolean(e Expr, off int) {
	if isBoolean(e) {
		return
	}
	if prop, ok := e.(Property); ok {
		p.fail(off, "property %s is not a condition; compare it with something, for example %s = TRUE", quoteName(prop.Name), quoteName(prop.Name))
	}
	p.fail(off, "%s is not a condition; expected a comparison or a predicate", kindName(e))
}

func (p *parser) or(context string) Expr {
	start := p.peek().pos
	first := p.and(context)
	if !isKeyword(p.peek(), "OR") {
		return first
	}
	p.requireBoolean(first, start)
	args := []Expr{first}
	for isKeyword(p.peek(), "OR") {
		p.next()
		off := p.peek().pos
		a := p.and("a condition after OR")
		p.requireBoolean(a, off)
		args = append(args, a)
	}
	p.count()
	return Or{Args: args}
}

func (p *parser) and(context string) Expr {
	start := p.peek().pos
	first := p.not(context)
	if !isKeyword(p.peek(), "AND") {
		return first
	}
	p.requireBoolean(first, start)
	args := []Expr{first}
	for isKeyword(p.peek(), "AND") {
		p.next()
		off := p.peek().pos
		a := p.not("a condition after AND")
		p.requireBoolean(a, off)
		args = append(args, a)
	}
	p.count()
	return And{Args: args}
}

func (p *parser) not(context string) Expr {
	if !isKeyword(p.peek(), "NOT") {
		return p.predicate(context)
	}
	t := p.next()
	p.enter(t.pos)
	off := p.peek().pos
	a := p.not("a condition after NOT")
	p.requireBoolean(a, off)
	p.leave()
	p.count()
	return Not{Arg: a}
}

// predicate parses an operand and the comparison that follows it, if any.
func (p *parser) predicate(context string) Expr {
	off := p.peek().pos
	left := p.arith(context)
	t := p.peek()
	negate := false
	if isKeyword(t, "NOT") {
		n := p.peekAt(1)
		if !isKeyword(n, "LIKE") && !isKeyword(n, "ILIKE") && !isKeyword(n, "BETWEEN") && !isKeyword(n, "IN") {
			p.fail(n.pos, "expected LIKE, BETWEEN or IN after NOT but found %s", n.describe())
		}
		p.next()
		negate = true
		t = p.peek()
	}
	var e Expr
	switch {
	case t.kind == tPunct && isCompareOp(t.text):
		p.next()
		p.requireScalar(left, off, "on the left of '"+t.text+"'")
		roff := p.peek().pos
		right := p.arith("a value after '" + t.text + "'")
		p.requireScalar(right, roff, "on the right of '"+t.text+"'")
		e = Comparison{Op: CompareOp(t.text), Left: left, Right: right}
	case isKeyword(t, "LIKE"), isKeyword(t, "ILIKE"):
		e = p.like(left, off)
	case isKeyword(t, "BETWEEN"):
		e = p.between(left, off)
	case isKeyword(t, "IN"):
		e = p.in(left, off)
	case isKeyword(t, "IS"):
		p.next()
		if isKeyword(p.peek(), "NOT") {
			p.next()
			negate = true
		}
		if n := p.next(); !isKeyword(n, "NULL") {
			p.fail(n.pos, "expected NULL after IS but found %s", n.describe())
		}
		if !isNullOperand(left) {
			p.fail(off, "IS NULL cannot test %s", kindName(left))
		}
		e = IsNull{Arg: left}
	default:
		if !isBoolean(left) && !isPunct(t, ")") {
			p.fail(t.pos, "expected a comparison (=, <>, <, <=, >, >=, LIKE, BETWEEN, IN or IS NULL) after %s but found %s", kindName(left), t.describe())
		}
		return left
	}
	p.count()
	if negate {
		p.count()
		return Not{Arg: e}
	}
	return e
}

func isCompareOp(s string) bool {
	switch CompareOp(s) {
	case Eq, Ne, Lt, Le, Gt, Ge:
		return true
	}
	return false
}

func (p *parser) requireScalar(e Expr, off int, where string) {
	if !isScalar(e) {
		p.fail(off, "%s cannot be compared %s; expected a property, a literal or an arithmetic expression", kindName(e), where)
	}
}

func (p *parser) like(left Expr, off int) Expr {
	t := p.next()
	ilike := isKeyword(t, "ILIKE")
	if ilike && !p.legacy {
		p.fail(t.pos, "ILIKE is not CQL2; write CASEI(name) LIKE CASEI('pattern')")
	}
	if !isCharacter(left) {
		p.fail(off, "LIKE needs a property or a string on its left, not %s", kindName(left))
	}
	poff := p.peek().pos
	pat := p.arith("a pattern string after " + strings.ToUpper(t.text))
	if !isPattern(pat) {
		p.fail(poff, "the pattern after LIKE must be a string literal such as 'abc%%', not %s", kindName(pat))
	}
	if p.legacy {
		// OGR SQL patterns have no escape character: a backslash is literal.
		s := pat.(StringLit)
		pat = StringLit{Value: strings.ReplaceAll(s.Value, `\`, `\\`)}
	}
	if ilike {
		p.count()
		p.count()
		return Like{Arg: CaseI{Arg: left}, Pattern: CaseI{Arg: pat}}
	}
	return Like{Arg: left, Pattern: pat}
}

func (p *parser) between(left Expr, off int) Expr {
	p.next()
	if !isNumeric(left) {
		p.fail(off, "BETWEEN works on numbers, not %s; for dates use T_DURING or >= ... AND <= ...", kindName(left))
	}
	loff := p.peek().pos
	low := p.arith("a number after BETWEEN")
	if !isNumeric(low) {
		p.fail(loff, "BETWEEN needs a number, not %s", kindName(low))
	}
	if t := p.next(); !isKeyword(t, "AND") {
		p.fail(t.pos, "expected AND between the two bounds of BETWEEN but found %s", t.describe())
	}
	hoff := p.peek().pos
	high := p.arith("a number after BETWEEN ... AND")
	if !isNumeric(high) {
		p.fail(hoff, "BETWEEN needs a number, not %s", kindName(high))
	}
	return Between{Arg: left, Low: low, High: high}
}

func (p *parser) in(left Expr, off int) Expr {
	p.next()
	p.requireScalar(left, off, "with IN")
	open := p.expectPunct("(", "after IN")
	if isPunct(p.peek(), ")") {
		p.fail(p.peek().pos, "IN needs at least one value in its list")
	}
	p.enter(open.pos)
	var list []Expr
	for {
		ioff := p.peek().pos
		item := p.arith("a value in the IN list")
		p.requireScalar(item, ioff, "in an IN list")
		list = append(list, item)
		t := p.next()
		if isPunct(t, ")") {
			break
		}
		if !isPunct(t, ",") {
			p.fail(t.pos, "expected ',' or ')' in the IN list but found %s", t.describe())
		}
	}
	p.leave()
	return In{Arg: left, List: list}
}
