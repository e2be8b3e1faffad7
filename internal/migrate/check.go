package migrate

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"

	"mineaction/internal/landrelease"
	"mineaction/internal/mineaction"
	"mineaction/internal/postgres"
	"mineaction/internal/sqlite"
	"mineaction/internal/verify"
)

// Report is what Check found.
type Report struct {
	// Verify is verify's report on the copy.
	Verify *verify.Report
	// Rows counts the rows of each table (the same on both, or a
	// difference is listed).
	Rows map[string]int
	// Dates are the days the national figures were compared on.
	Dates []mineaction.Date
	// Summaries are the figures of the copy on those days.
	Summaries []*landrelease.Summary
	// Versions is the number of versions whose hashes were compared.
	Versions int
	// Head is the audit chain's newest entry on both.
	Head *mineaction.AuditEntry
	// Differences lists every difference between the two, and every
	// problem verify found on the copy.
	Differences []string
}

// OK reports whether the copy is the same as the original and verifies.
func (r *Report) OK() bool { return len(r.Differences) == 0 }

func (r *Report) differ(format string, args ...any) {
	r.Differences = append(r.Differences, fmt.Sprintf(format, args...))
}

// Check compares a copy made by Copy with its original: verify must pass
// on the copy, and the row counts, every version's hash, the audit chain's
// head, and the national figures (landrelease.ComputeSummary) as of each
// day of dates (nil: SummaryDates) must be the same on both.
func Check(ctx context.Context, src *sqlite.Store, dst *postgres.Store, dates []mineaction.Date) (*Report, error) {
	rep := &Report{Rows: map[string]int{}}
	var err error
	if rep.Verify, err = verify.Run(ctx, dst); err != nil {
		return nil, fmt.Errorf("verify the copy: %w", err)
	}
	for _, p := range rep.Verify.Problems {
		rep.differ("verify: %s", p)
	}
	lite, err := sql.Open("sqlite", "file:"+src.Path()+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return nil, err
	}
	defer lite.Close()
	for _, t := range Tables {
		var a, b int
		if err := lite.QueryRowContext(ctx, "SELECT count(*) FROM "+t).Scan(&a); err != nil {
			return nil, err
		}
		if err := dst.Pool().QueryRow(ctx, "SELECT count(*) FROM "+t).Scan(&b); err != nil {
			return nil, err
		}
		rep.Rows[t] = b
		if a != b {
			rep.differ("table %s: %d rows in SQLite, %d in PostgreSQL", t, a, b)
		}
	}
	if err := compareVersions(ctx, lite, dst, rep); err != nil {
		return nil, err
	}
	heads := make([]*mineaction.AuditEntry, 2)
	for i, s := range []mineaction.Store{src, dst} {
		err := s.View(ctx, func(tx mineaction.Tx) error {
			var err error
			heads[i], err = tx.LastAudit(ctx)
			return err
		})
		if err != nil && mineaction.ErrorKind(err) != mineaction.KindNotFound {
			return nil, err
		}
	}
	rep.Head = heads[1]
	if !reflect.DeepEqual(heads[0], heads[1]) {
		rep.differ("audit chain head: %+v in SQLite, %+v in PostgreSQL", heads[0], heads[1])
	}
	if dates == nil {
		if dates, err = SummaryDates(ctx, src); err != nil {
			return nil, err
		}
	}
	rep.Dates = dates
	return rep, compareSummaries(ctx, src, dst, rep)
}

// compareVersions compares every version's identity, hash and undo state.
func compareVersions(ctx context.Context, lite *sql.DB, dst *postgres.Store, rep *Report) error {
	const q = `SELECT r.hid || '/' || v.version || ' report ' || v.report_id || ' ' || v.hash ||
		CASE WHEN v.undone_at IS NULL THEN '' ELSE ' undone by ' || v.undone_by END
		FROM versions v JOIN records r ON r.id = v.record_id ORDER BY r.hid, v.version`
	var a, b []string
	rows, err := lite.QueryContext(ctx, q)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return err
		}
		a = append(a, s)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	prows, err := dst.Pool().Query(ctx, q)
	if err != nil {
		return err
	}
	defer prows.Close()
	for prows.Next() {
		var s string
		if err := prows.Scan(&s); err != nil {
			return err
		}
		b = append(b, s)
	}
	if err := prows.Err(); err != nil {
		return err
	}
	rep.Versions = len(b)
	for i := range max(len(a), len(b)) {
		if i >= len(a) || i >= len(b) || a[i] != b[i] {
			rep.differ("versions differ from the %d-th on: %q in SQLite, %q in PostgreSQL", i+1, at(a, i), at(b, i))
			break
		}
	}
	return nil
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return "(none)"
}

// compareSummaries computes the national figures on each day on both.
func compareSummaries(ctx context.Context, src, dst mineaction.Store, rep *Report) error {
	sums := make([][]*landrelease.Summary, 2)
	for i, s := range []mineaction.Store{src, dst} {
		err := s.View(ctx, func(tx mineaction.Tx) error {
			l, err := landrelease.LoadLedger(ctx, tx)
			if err != nil {
				return err
			}
			for _, d := range rep.Dates {
				sum, err := landrelease.SummaryOf(ctx, tx, l, d, "")
				if err != nil {
					return err
				}
				sums[i] = append(sums[i], sum)
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("national figures: %w", err)
		}
	}
	rep.Summaries = sums[1]
	for i, d := range rep.Dates {
		if !reflect.DeepEqual(sums[0][i], sums[1][i]) {
			a, _ := json.Marshal(sums[0][i])
			b, _ := json.Marshal(sums[1][i])
			rep.differ("national figures as of %s:\n  SQLite     %s\n  PostgreSQL %s", d, a, b)
		}
	}
	return nil
}

// SummaryDates are the days on which Check compares the national figures:
// the last day of each year from the earliest hazard's date of
// information to the latest, and that latest day.
func SummaryDates(ctx context.Context, s mineaction.Store) ([]mineaction.Date, error) {
	var hist []mineaction.HazardVersionFigure
	err := s.View(ctx, func(tx mineaction.Tx) error {
		var err error
		hist, err = tx.HazardHistory(ctx)
		return err
	})
	if err != nil || len(hist) == 0 {
		return nil, err
	}
	lo, hi := hist[0].DateOfInformation, hist[0].DateOfInformation
	for _, h := range hist {
		lo, hi = min(lo, h.DateOfInformation), max(hi, h.DateOfInformation)
	}
	y0, _ := strconv.Atoi(string(lo)[:4])
	y1, _ := strconv.Atoi(string(hi)[:4])
	var out []mineaction.Date
	for y := y0; y <= y1; y++ {
		out = append(out, mineaction.Date(fmt.Sprintf("%04d-12-31", y)))
	}
	if !slices.Contains(out, hi) {
		out = append(out, hi)
	}
	slices.Sort(out)
	return out, nil
}
