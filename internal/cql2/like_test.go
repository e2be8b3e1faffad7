package cql2

import (
	"errors"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

func TestLikeMatch(t *testing.T) {
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"", "", true},
		{"", "a", false},
		{"%", "", true},
		{"%", "anything", true},
		{"a%", "abc", true},
		{"a%", "bac", false},
		{"%c", "abc", true},
		{"%b%", "abc", true},
		{"a_c", "abc", true},
		{"a_c", "ac", false},
		{"a_c", "abbc", false},
		{"_", "ə", true}, // one character, not one byte
		{"G_nc_", "Gəncə", true},
		{"a%%b", "ab", true},
		{"%a%b%c%", "xxaxxbxxcxx", true},
		{"%a%b%c%", "xxcxxbxxaxx", false},
		{"a%b%c", "abcbc", true},
		{`100\%`, "100%", true},
		{`100\%`, "1000", false},
		{`a\_b`, "a_b", true},
		{`a\_b`, "axb", false},
		{`a\\b`, `a\b`, true},
		{`a\`, `a\`, true},
		{`\a`, "a", true},
		{"ABC", "abc", false},
	}
	for _, tt := range tests {
		if got, err := likeMatch(tt.pattern, tt.s); got != tt.want || err != nil {
			t.Errorf("likeMatch(%q, %q) = %v, want %v", tt.pattern, tt.s, got, tt.want)
		}
	}
}

// Many '%' against a long string that does not match must not backtrack
// exponentially; a long '_' segment gives up with an error instead of
// running for seconds.
func TestLikeMatchCost(t *testing.T) {
	pattern := strings.Repeat("%a", 30) + "b"
	if ok, err := likeMatch(pattern, strings.Repeat("a", 5000)); ok || err != nil {
		t.Errorf("matched a string without b: %v, %v", ok, err)
	}
	pattern = "%" + strings.Repeat("a_", 30000) + "b%"
	if _, err := likeMatch(pattern, strings.Repeat("a", 60000)); !errors.Is(err, errLikeCost) {
		t.Errorf("costly pattern: err = %v, want errLikeCost", err)
	}
}

// likeRegexp translates a LIKE pattern into an anchored regular expression,
// an independent reference for likeMatch.
func likeRegexp(pattern string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString(`(?s)^`)
	rs := []rune(pattern)
	for i := 0; i < len(rs); i++ {
		switch r := rs[i]; {
		case r == '\\' && i+1 < len(rs):
			i++
			b.WriteString(regexp.QuoteMeta(string(rs[i])))
		case r == '%':
			b.WriteString(".*")
		case r == '_':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}

func TestLikeMatchAgainstRegexp(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(alphabet []rune, max int) string {
		n := rng.IntN(max + 1)
		rs := make([]rune, n)
		for i := range rs {
			rs[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return string(rs)
	}
	patternAlphabet := []rune(`ab%_\ə`)
	textAlphabet := []rune(`ab%_\ə`)
	for i := 0; i < 20000; i++ {
		p, s := pick(patternAlphabet, 7), pick(textAlphabet, 9)
		got, err := likeMatch(p, s)
		if want := likeRegexp(p).MatchString(s); got != want || err != nil {
			t.Fatalf("likeMatch(%q, %q) = %v, regexp says %v", p, s, got, want)
		}
	}
}
