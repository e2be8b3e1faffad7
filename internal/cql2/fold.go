package cql2

import (
	"strings"
	"sync"
	"unicode"
)

// FoldCase returns s in the form CASEI compares: every letter mapped to the
// lower case of its upper case (Unicode simple case mappings, as Go's unicode
// tables give them), and ß and ẞ to "ss". Mapping through the upper case
// folds variants such as ſ, ς and the Kelvin sign together with s, σ and k,
// and also folds the Azerbaijani and Turkish dotless ı with i, whose capital
// is I: CASEI('BAKI') equals CASEI('Bakı'), and İ folds to i as well. The
// flip side is that CASEI cannot tell ı from i. Other full case foldings
// (ligatures, Armenian, Greek iota subscripts) are not applied.
//
// A store that translates CASEI to SQL gets the same answers only with this
// function (SQLite: register it as a function); PostgreSQL's lower() leaves
// ı and ß alone.
func FoldCase(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r == 'ß' || r == 'ẞ' {
			b.WriteString("ss")
			continue
		}
		b.WriteRune(unicode.ToLower(unicode.ToUpper(r)))
	}
	return b.String()
}

// FoldAccents returns s in the form ACCENTI compares: Latin letters with
// diacritics replaced by their base letter, case kept (é→e, Ş→S), and
// combining marks U+0300–U+036F removed, which handles decomposed input.
// Azerbaijani letters fold as people type them without the layout: ə→e,
// Ə→E, ğ→g, ı→i, İ→I, ö→o, ş→s, ç→c, ü→u.
//
// Limits: only Latin-1 Supplement, Latin Extended-A and a few Latin
// Extended-B letters are covered (not Vietnamese stacked marks of Latin
// Extended Additional); letters that are not a base letter plus a mark stay
// as they are (æ, œ, ß, þ, ð); Cyrillic, Greek and other scripts are left
// unchanged, so ё does not fold to е.
func FoldAccents(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= 0x300 && r <= 0x36F:
			continue
		case r < 0xC0 || r > 0x259:
			b.WriteRune(r)
		default:
			b.WriteRune(baseLetter(r))
		}
	}
	return b.String()
}

// baseLetter maps a letter from U+00C0 to U+0259 to its base letter.
func baseLetter(r rune) rune {
	if b, ok := accentTable()[r]; ok {
		return b
	}
	return r
}

// accentTable is built once, on first use, and never written afterwards.
var accentTable = sync.OnceValue(func() map[rune]rune {
	m := map[rune]rune{}
	for _, g := range accentGroups() {
		for _, r := range g[1] {
			m[r] = rune(g[0][0])
		}
	}
	return m
})

// accentGroups lists, for each base letter, the letters that fold to it.
func accentGroups() [][2]string {
	return [][2]string{
		{"A", "ÀÁÂÃÄÅĀĂĄǍǞǠǺȀȂȦȺ"}, {"a", "àáâãäåāăąǎǟǡǻȁȃȧ"},
		{"C", "ÇĆĈĊČƇȻ"}, {"c", "çćĉċčƈȼ"},
		{"D", "ĎĐƊ"}, {"d", "ďđɗ"},
		{"E", "ÈÉÊËĒĔĖĘĚȄȆȨƏ"}, {"e", "èéêëēĕėęěȅȇȩə"},
		{"G", "ĜĞĠĢǤǦǴ"}, {"g", "ĝğġģǥǧǵ"},
		{"H", "ĤĦȞ"}, {"h", "ĥħȟ"},
		{"I", "ÌÍÎÏĨĪĬĮİǏȈȊ"}, {"i", "ìíîïĩīĭįıǐȉȋ"},
		{"J", "Ĵ"}, {"j", "ĵǰ"},
		{"K", "ĶƘǨ"}, {"k", "ķƙǩ"},
		{"L", "ĹĻĽĿŁȽ"}, {"l", "ĺļľŀłƚ"},
		{"N", "ÑŃŅŇǸȠ"}, {"n", "ñńņňǹƞ"},
		{"O", "ÒÓÔÕÖØŌŎŐƠǑǪǬǾȌȎȪȬȮȰ"}, {"o", "òóôõöøōŏőơǒǫǭǿȍȏȫȭȯȱ"},
		{"R", "ŔŖŘȐȒ"}, {"r", "ŕŗřȑȓ"},
		{"S", "ŚŜŞŠȘ"}, {"s", "śŝşšș"},
		{"T", "ŢŤŦȚƬƮ"}, {"t", "ţťŧțƫƭ"},
		{"U", "ÙÚÛÜŨŪŬŮŰŲƯǓǕǗǙǛȔȖ"}, {"u", "ùúûüũūŭůűųưǔǖǘǚǜȕȗ"},
		{"W", "Ŵ"}, {"w", "ŵ"},
		{"Y", "ÝŶŸƳȲ"}, {"y", "ýÿŷƴȳ"},
		{"Z", "ŹŻŽƵȤ"}, {"z", "źżžƶȥ"},
	}
}
