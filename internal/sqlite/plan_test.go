package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"mineaction/internal/cql2"
	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
)

// The speed of record pages and tiles rests on the plans SQLite makes for
// their queries (see recordquery.go): a walk of the type index, the R*Tree
// read in id order, rows read by id, and nothing sorted. The plans depend
// on the SQLite version the driver carries, not on the data (the store
// keeps no statistics), so an empty database shows them.
func TestRecordQueryPlans(t *testing.T) {
	s, err := Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	filter, err := cql2.ParseText("status = 'open' AND category = 'CHA'")
	if err != nil {
		t.Fatal(err)
	}
	box := &geo.BBox{MinX: 46.6875, MinY: 39.6, MaxX: 47.1125, MaxY: 40.0}
	page := mineaction.RecordQuery{Type: mineaction.TypeHazard, BBox: box, Limit: 134}
	filtered, later, earlier, tile := page, page, page, page
	filtered.Filter = filter
	later.AfterID = 1000
	earlier.BeforeID = 1000
	tile.Limit = 0
	// A walk tests the box in the index (covering, unless a filter needs
	// the row).
	walk := "SEARCH r USING COVERING INDEX records_type (type=? AND deleted=?"
	walkRows := "SEARCH r USING INDEX records_type (type=? AND deleted=?"
	rtree := []string{"SCAN records_rtree VIRTUAL TABLE", "SEARCH r USING INTEGER PRIMARY KEY (rowid=?)"}
	for _, c := range []struct {
		name string
		q    mineaction.RecordQuery
		walk bool
		want []string
	}{
		{"walk", page, true, []string{walk}},
		{"walk with a filter", filtered, true, []string{walkRows}},
		{"walk after a cursor", later, true, []string{walk + " AND id>? AND id<?)"}},
		{"walk before a cursor", earlier, true, []string{walk + " AND id>? AND id<?)"}},
		{"R*Tree", page, false, rtree},
		{"R*Tree with a filter", filtered, false, rtree},
		{"R*Tree after a cursor", later, false, rtree},
		{"R*Tree before a cursor", earlier, false, rtree},
		{"tile", tile, false, rtree},
		{"no box", mineaction.RecordQuery{Type: mineaction.TypeHazard, Limit: 134}, false, []string{"SEARCH r USING COVERING INDEX records_type (type=? AND deleted=?)"}},
	} {
		until := int64(0)
		if c.walk {
			until = 500
			if c.q.BeforeID != 0 {
				until = 10
			}
		}
		if c.q.BBox != nil && c.q.Limit > 0 {
			probe, args := boxProbe(c.q, walkPerRow*c.q.Limit)
			checkPlan(t, s.reader, c.name+", probe", probe, args, []string{"SCAN records_rtree VIRTUAL TABLE",
				"SEARCH records USING COVERING INDEX records_type (type=? AND deleted=?"})
		}
		ids, args, err := recordIDs(c.q, !c.walk, until)
		if err != nil {
			t.Fatal(err)
		}
		checkPlan(t, s.reader, c.name, ids, args, c.want)
		checkPlan(t, s.reader, c.name+", rows", recordRows(ids, wholeRow, true), args, []string{"SEARCH r USING INTEGER PRIMARY KEY (rowid=?)"})
		if !direct(c.q) {
			continue
		}
		// Read in one step, the rows come in the selection's order: the
		// walk's (the index, no longer covering, still tests the box before
		// the row is read) or the R*Tree's candidates looked up by rowid.
		c.q.WithFigures = true
		want := rtree
		if c.walk || c.q.BBox == nil {
			want = []string{strings.Replace(c.want[0], "COVERING INDEX", "INDEX", 1)}
		}
		for _, forPage := range []bool{false, true} {
			c.q.ForPage = forPage
			one, args, err := directRows(c.q, !c.walk, until)
			if err != nil {
				t.Fatal(err)
			}
			checkPlan(t, s.reader, fmt.Sprintf("%s, in one step (for a page: %v)", c.name, forPage), one, args, want)
		}
	}
	// Dates are looked up in the date index, whose order is not the ids':
	// the selection sorts, but only ids.
	dated := mineaction.RecordQuery{Type: mineaction.TypeActivity, DateFrom: "2024-03-01", Limit: 134}
	ids, args, err := recordIDs(dated, true, 0)
	if err != nil {
		t.Fatal(err)
	}
	checkPlan(t, s.reader, "dates, rows", recordRows(ids, indexRow, false), args, []string{"SEARCH r USING INTEGER PRIMARY KEY (rowid=?)", "LIST SUBQUERY"})
}

// checkPlan checks that the plan of query has each of want in a line, and
// that its outer query sorts nothing (a subquery that selects ids may).
func checkPlan(t *testing.T, db *sql.DB, name, query string, args []any, want []string) {
	t.Helper()
	rows, err := db.Query("EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	defer rows.Close()
	var plan []string
	sorts := false
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
		sorts = sorts || parent == 0 && strings.Contains(detail, "TEMP B-TREE")
	}
	text := strings.Join(plan, "\n")
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s: the plan has no %q:\n%s", name, w, text)
		}
	}
	if sorts {
		t.Errorf("%s: the plan sorts:\n%s", name, text)
	}
}
