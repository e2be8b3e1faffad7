package cql2

import (
	"errors"
	"strings"
	"unicode/utf8"
)

// likeBudget bounds the character comparisons of one LIKE evaluation, so
// that a hostile pattern of many '_' cannot hold the evaluator for seconds.
const likeBudget = 20_000_000

var errLikeCost = errors.New("the LIKE pattern is too costly to evaluate here; simplify its '_' wildcards")

// likeSeg is a run of a LIKE pattern between two '%': literal characters
// and '_' (any one character, marked by wild).
type likeSeg struct {
	chars []rune
	wild  []bool
	plain bool // no '_': the segment can be searched with strings.Index
}

// splitLike cuts a pattern at each '%'. A backslash makes the next character
// literal; a trailing backslash stands for itself. There is always one more
// segment than there are '%'.
func splitLike(pattern string) []likeSeg {
	segs := []likeSeg{{plain: true}}
	cur := &segs[0]
	rs := []rune(pattern)
	for i := 0; i < len(rs); i++ {
		r, wild := rs[i], false
		switch {
		case r == '\\' && i+1 < len(rs):
			i++
			r = rs[i]
		case r == '%':
			segs = append(segs, likeSeg{plain: true})
			cur = &segs[len(segs)-1]
			continue
		case r == '_':
			wild = true
			cur.plain = false
		}
		cur.chars = append(cur.chars, r)
		cur.wild = append(cur.wild, wild)
	}
	return segs
}

// matchAt reports the byte length of s's prefix that seg matches, or -1.
func (seg likeSeg) matchAt(s string) int {
	n := 0
	for i, c := range seg.chars {
		r, size := utf8.DecodeRuneInString(s[n:])
		if size == 0 || !seg.wild[i] && r != c {
			return -1
		}
		n += size
	}
	return n
}

// find returns the byte offsets of seg's leftmost match in s, or -1. It
// charges the comparisons of a search with '_' to budget.
func (seg likeSeg) find(s string, budget *int) (int, int) {
	if seg.plain {
		lit := string(seg.chars)
		i := strings.Index(s, lit)
		if i < 0 {
			return -1, -1
		}
		return i, i + len(lit)
	}
	for i := range s {
		*budget -= len(seg.chars)
		if *budget < 0 {
			return -1, -1
		}
		if n := seg.matchAt(s[i:]); n >= 0 {
			return i, i + n
		}
	}
	if len(seg.chars) == 0 {
		return len(s), len(s)
	}
	return -1, -1
}

// likeMatch reports whether all of s matches the pattern. The first segment
// must match a prefix and the last a suffix; the ones between are taken at
// their leftmost match, which is always safe between two '%'. Searching a
// segment without '_' is linear; with '_' it may cost its length times the
// length of s, up to likeBudget, beyond which likeMatch gives up with an
// error.
func likeMatch(pattern, s string) (bool, error) {
	budget := likeBudget
	ok := likeSegments(pattern, s, &budget)
	if budget < 0 {
		return false, errLikeCost
	}
	return ok, nil
}

func likeSegments(pattern, s string, budget *int) bool {
	segs := splitLike(pattern)
	if len(segs) == 1 {
		return segs[0].matchAt(s) == len(s)
	}
	head, tail := segs[0], segs[len(segs)-1]
	n := head.matchAt(s)
	if n < 0 {
		return false
	}
	rest := s[n:]
	cut := len(rest)
	for range tail.chars {
		if cut == 0 {
			return false
		}
		_, size := utf8.DecodeLastRuneInString(rest[:cut])
		cut -= size
	}
	if tail.matchAt(rest[cut:]) != len(rest)-cut {
		return false
	}
	middle := rest[:cut]
	for _, seg := range segs[1 : len(segs)-1] {
		_, end := seg.find(middle, budget)
		if end < 0 {
			return false
		}
		middle = middle[end:]
	}
	return true
}
