package postgres

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"mineaction/internal/cql2"
)

var update = flag.Bool("update", false, "rewrite the newest migrations/*_fold.sql from Go's Unicode tables")

// foldFile returns the newest migration that defines the fold functions:
// the one whose definitions are in force.
func foldFile(t *testing.T) string {
	names, err := filepath.Glob("migrations/*_fold.sql")
	if err != nil || len(names) == 0 {
		t.Fatalf("no fold migration: %v", err)
	}
	slices.Sort(names)
	return names[len(names)-1]
}

// foldTables returns the per-character maps of cql2.FoldCase (without ß
// and ẞ, which become two letters) and cql2.FoldAccents (whose deletions
// are the characters beyond the end of to), found by running the Go
// functions over every code point.
func foldTables() (caseFrom, caseTo, accFrom, accTo []rune) {
	var dels []rune
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) || r == 0 {
			continue
		}
		s := string(r)
		if r != 'ß' && r != 'ẞ' {
			if f := cql2.FoldCase(s); f != s {
				fr := []rune(f)
				if len(fr) != 1 {
					panic("FoldCase maps " + s + " to " + f)
				}
				caseFrom, caseTo = append(caseFrom, r), append(caseTo, fr[0])
			}
		}
		switch f := []rune(cql2.FoldAccents(s)); {
		case len(f) == 0:
			dels = append(dels, r)
		case len(f) > 1:
			panic("FoldAccents maps " + s + " to " + string(f))
		case f[0] != r:
			accFrom, accTo = append(accFrom, r), append(accTo, f[0])
		}
	}
	return caseFrom, caseTo, append(accFrom, dels...), accTo
}

// sqlText writes rs as an SQL string constant over several lines.
func sqlText(rs []rune) string {
	var parts []string
	for len(rs) > 0 {
		n := min(len(rs), 48)
		parts = append(parts, "'"+string(rs[:n])+"'")
		rs = rs[n:]
	}
	return strings.Join(parts, "\n    || ")
}

func foldSQL() string {
	cf, ct, af, at := foldTables()
	return `-- CQL2 case and accent folding for filters, the same as cql2.FoldCase and
-- cql2.FoldAccents, which the evaluator and the SQLite store use. Generated
-- from Go's Unicode tables by
--   go test ./internal/postgres -run TestFoldMigration -update
-- TestFoldMigration fails when the tables change (a new Go with a new
-- Unicode version): a new NNNN_fold.sql migration must then redefine the
-- functions. No index depends on them, so nothing needs rebuilding.

-- CASEI: the lower case of the upper case of each character; ß and ẞ are ss.
CREATE OR REPLACE FUNCTION mineaction_casei(s text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT translate(replace(replace(s, 'ß', 'ss'), 'ẞ', 'ss'),
    ` + sqlText(cf) + `,
    ` + sqlText(ct) + `)
$$;

-- ACCENTI: Latin letters with diacritics to their base letter, combining
-- marks U+0300-U+036F removed (the characters of the first string beyond
-- the length of the second are deleted).
CREATE OR REPLACE FUNCTION mineaction_accenti(s text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT translate(s,
    ` + sqlText(af) + `,
    ` + sqlText(at) + `)
$$;
`
}

// TestFoldMigration checks that the SQL fold functions are generated from
// the Go fold functions as they are now.
func TestFoldMigration(t *testing.T) {
	want := foldSQL()
	foldFile := foldFile(t)
	if *update {
		if err := os.WriteFile(foldFile, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(foldFile)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Fatalf("%s does not match cql2.FoldCase and cql2.FoldAccents as built by this Go; "+
			"add a migration that redefines the functions (generate it with -update, then move it to a new number)", foldFile)
	}
}
