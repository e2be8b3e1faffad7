package cql2

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

type tokKind int

const (
	tEOF    tokKind = iota
	tIdent          // bare identifier or keyword
	tQuoted         // "double-quoted" property name
	tString         // 'character literal'
	tNumber         // unsigned numeric literal
	tPunct          // ( ) , = <> < <= > >= + - * / % ^
)

type token struct {
	kind tokKind
	text string // identifier, number or punctuation as written; decoded string value
	pos  int
}

// describe names a token for an error message.
func (t token) describe() string {
	switch t.kind {
	case tEOF:
		return "the end of the filter"
	case tString:
		return "the string '" + shorten(t.text) + "'"
	case tNumber:
		return "the number " + t.text
	case tQuoted:
		return `"` + shorten(t.text) + `"`
	case tIdent:
		if isReserved(t.text) {
			return strings.ToUpper(t.text)
		}
		return "'" + shorten(t.text) + "'"
	}
	return "'" + t.text + "'"
}

func shorten(s string) string {
	if utf8.RuneCountInString(s) <= 24 {
		return s
	}
	r := []rune(s)
	return string(r[:21]) + "..."
}

// lexer splits cql2-text into tokens. legacy selects the cql-text rules of
// GDAL 3.6: inside string literals a backslash is an ordinary character.
type lexer struct {
	src    string
	off    int
	legacy bool
}

func (lx *lexer) next() (token, error) {
	for lx.off < len(lx.src) {
		r, n := utf8.DecodeRuneInString(lx.src[lx.off:])
		if !unicode.IsSpace(r) {
			break
		}
		lx.off += n
	}
	start := lx.off
	if start >= len(lx.src) {
		return token{kind: tEOF, pos: start}, nil
	}
	r, n := utf8.DecodeRuneInString(lx.src[start:])
	switch {
	case r == utf8.RuneError && n == 1:
		return token{}, errAt(start, "the filter is not valid UTF-8")
	case r == '\'':
		return lx.str(start)
	case r == '"':
		end := strings.IndexByte(lx.src[start+1:], '"')
		if end < 0 {
			return token{}, errAt(start, `property name opened with " is not closed`)
		}
		name := lx.src[start+1 : start+1+end]
		if name == "" {
			return token{}, errAt(start, `empty property name ""`)
		}
		if len(name) > MaxStringBytes {
			return token{}, errAt(start, "property name longer than %d bytes", MaxStringBytes)
		}
		lx.off = start + end + 2
		return token{kind: tQuoted, text: name, pos: start}, nil
	case isDigit(r) || r == '.' && start+1 < len(lx.src) && isDigit(rune(lx.src[start+1])):
		return lx.number(start)
	case isIdentStart(r):
		lx.off += n
		for lx.off < len(lx.src) {
			r, n := utf8.DecodeRuneInString(lx.src[lx.off:])
			if !isIdentPart(r) {
				break
			}
			lx.off += n
		}
		if lx.off-start > MaxStringBytes {
			return token{}, errAt(start, "name longer than %d bytes", MaxStringBytes)
		}
		return token{kind: tIdent, text: lx.src[start:lx.off], pos: start}, nil
	}
	two := ""
	if start+2 <= len(lx.src) {
		two = lx.src[start : start+2]
	}
	switch two {
	case "<>", "<=", ">=":
		lx.off += 2
		return token{kind: tPunct, text: two, pos: start}, nil
	case "!=":
		return token{}, errAt(start, "'!=' is not CQL2; write '<>' for not equal")
	case "==":
		return token{}, errAt(start, "'==' is not CQL2; write '=' for equal")
	}
	if strings.ContainsRune("(),=<>+-*/%^", r) {
		lx.off++
		return token{kind: tPunct, text: string(r), pos: start}, nil
	}
	if r == '[' || r == ']' {
		return token{}, errAt(start, "unexpected '%c': CQL2 arrays are written in parentheses, ('a', 'b')", r)
	}
	return token{}, errAt(start, "unexpected character %q", r)
}

// str reads a character literal, where two quotes in a row stand for one
// and, in cql2-text only, so does a backslash before a quote.
func (lx *lexer) str(start int) (token, error) {
	var b strings.Builder
	i := start + 1
	for {
		j := strings.IndexAny(lx.src[i:], `'\`)
		if lx.legacy {
			j = strings.IndexByte(lx.src[i:], '\'')
		}
		if j < 0 {
			return token{}, errAt(start, "string opened with ' is not closed (write '' for a quote inside a string)")
		}
		b.WriteString(lx.src[i : i+j])
		i += j
		if b.Len() > MaxStringBytes {
			return token{}, errAt(start, "string longer than %d bytes", MaxStringBytes)
		}
		if lx.src[i] == '\\' {
			if i+1 < len(lx.src) && lx.src[i+1] == '\'' {
				b.WriteByte('\'')
				i += 2
			} else {
				b.WriteByte('\\')
				i++
			}
			continue
		}
		if i+1 < len(lx.src) && lx.src[i+1] == '\'' {
			b.WriteByte('\'')
			i += 2
			continue
		}
		lx.off = i + 1
		return token{kind: tString, text: b.String(), pos: start}, nil
	}
}

// number reads digits [. digits] [E [sign] digits], or . digits [E ...].
func (lx *lexer) number(start int) (token, error) {
	i := start
	digits := func() int {
		k := i
		for i < len(lx.src) && isDigit(rune(lx.src[i])) {
			i++
		}
		return i - k
	}
	digits()
	if i < len(lx.src) && lx.src[i] == '.' {
		i++
		digits()
	}
	if i < len(lx.src) && (lx.src[i] == 'e' || lx.src[i] == 'E') {
		i++
		if i < len(lx.src) && (lx.src[i] == '+' || lx.src[i] == '-') {
			i++
		}
		if digits() == 0 {
			return token{}, errAt(start, "malformed number %q: the exponent has no digits", lx.src[start:i])
		}
	}
	if i-start > 400 {
		return token{}, errAt(start, "number longer than 400 characters")
	}
	lx.off = i
	return token{kind: tNumber, text: lx.src[start:i], pos: start}, nil
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// isIdentStart follows identifierStart of the cql2 BNF.
func isIdentStart(r rune) bool {
	switch {
	case r == ':' || r == '_' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z':
		return true
	case r < 0xC0:
		return false
	case r <= 0xD6, r >= 0xD8 && r <= 0xF6, r >= 0xF8 && r <= 0x2FF,
		r >= 0x370 && r <= 0x37D, r >= 0x37F && r <= 0x1FFE, r >= 0x200C && r <= 0x200D,
		r >= 0x2070 && r <= 0x218F, r >= 0x2C00 && r <= 0x2FEF, r >= 0x3001 && r <= 0xD7FF,
		r >= 0xF900 && r <= 0xFDCF, r >= 0xFDF0 && r <= 0xFFFD, r >= 0x10000 && r <= 0xEFFFF:
		return true
	}
	return false
}

// isIdentPart follows identifierPart of the cql2 BNF.
func isIdentPart(r rune) bool {
	return isIdentStart(r) || r == '.' || isDigit(r) || r >= 0x300 && r <= 0x36F || r == 0x203F || r == 0x2040
}

// isIdentifier reports whether s can be written as a bare identifier.
func isIdentifier(s string) bool {
	for i, r := range s {
		if r == utf8.RuneError || i == 0 && !isIdentStart(r) || i > 0 && !isIdentPart(r) {
			return false
		}
	}
	return s != ""
}
