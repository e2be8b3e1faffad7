package sqlfilter

// LikeElem is one element of a CQL2 LIKE pattern: a literal character
// (Wild 0), any one character (Wild '_') or any run of characters
// (Wild '%').
type LikeElem struct {
	Wild byte
	Char rune
}

// ParseLike parses a CQL2 LIKE pattern as the evaluator reads it: '%' and
// '_' are wildcards, a backslash makes the next character literal, and a
// trailing backslash stands for itself.
func ParseLike(pattern string) []LikeElem {
	rs := []rune(pattern)
	out := make([]LikeElem, 0, len(rs))
	for i := 0; i < len(rs); i++ {
		switch r := rs[i]; {
		case r == '\\' && i+1 < len(rs):
			i++
			out = append(out, LikeElem{Char: rs[i]})
		case r == '%' || r == '_':
			out = append(out, LikeElem{Wild: byte(r)})
		default:
			out = append(out, LikeElem{Char: r})
		}
	}
	return out
}
