// Package verify checks that the database is as the application left it:
// the audit chain is unbroken, every version matches its hash and its audit
// entry, the current view is the latest approved version of each record,
// and every hazard's land release figures satisfy the accounting identity
// and match a recomputation from the geometry.
package verify

import (
	"bytes"
	"context"
	"fmt"
	"math"

	"mineaction/internal/geo"
	"mineaction/internal/landrelease"
	"mineaction/internal/mineaction"
)

// Problem is one violation found.
type Problem struct {
	What   string // "audit", "version", "record", "figures"
	Where  string // the audit sequence number, record id or version
	Reason string
}

func (p Problem) String() string { return fmt.Sprintf("%s %s: %s", p.What, p.Where, p.Reason) }

// Report is the outcome of a verification.
type Report struct {
	// HeadSeq and HeadHash are the last entry of the audit chain: kept
	// off the machine, they let a later check detect a rewrite of the
	// whole chain, which the chain alone cannot (docs/SECURITY.md).
	HeadSeq      int64
	HeadHash     string
	AuditEntries int
	Records      int
	Versions     int
	Hazards      int
	Problems     []Problem
}

// OK reports whether nothing was found.
func (r *Report) OK() bool { return len(r.Problems) == 0 }

// MaxProblems bounds how many problems are collected.
const MaxProblems = 100

func (r *Report) add(what, where, format string, args ...any) {
	if len(r.Problems) < MaxProblems {
		r.Problems = append(r.Problems, Problem{what, where, fmt.Sprintf(format, args...)})
	}
}

// Run verifies the store in one read transaction.
func Run(ctx context.Context, s mineaction.Store) (*Report, error) {
	rep := &Report{}
	err := s.View(ctx, func(tx mineaction.Tx) error {
		approved, err := checkAudit(ctx, tx, rep)
		if err != nil {
			return err
		}
		if err := checkRecords(ctx, tx, rep, approved); err != nil {
			return err
		}
		return checkFigures(ctx, tx, rep)
	})
	return rep, err
}

type versionKey struct {
	hid     string
	version int
}

// checkAudit walks the chain and returns the version hash each approval
// entry vouches for.
func checkAudit(ctx context.Context, tx mineaction.Tx, rep *Report) (map[versionKey]string, error) {
	approved := map[versionKey]string{}
	prev := ""
	var seq int64
	for {
		batch, err := tx.Audit(ctx, seq, 10000)
		if err != nil {
			return nil, err
		}
		if len(batch) == 0 {
			rep.HeadSeq, rep.HeadHash = seq, prev
			return approved, nil
		}
		for _, a := range batch {
			rep.AuditEntries++
			where := fmt.Sprintf("#%d", a.Seq)
			if a.Seq != seq+1 {
				rep.add("audit", where, "sequence jumps from %d: entries are missing", seq)
			}
			if a.PrevHash != prev {
				rep.add("audit", where, "does not chain onto the previous entry (prev_hash differs)")
			}
			if h := a.ComputeHash(); h != a.Hash {
				rep.add("audit", where, "was changed after it was written (hash mismatch)")
			}
			if a.Action == mineaction.AuditReportApprove {
				approved[versionKey{a.RecordHID, a.Version}] = a.VersionHash
			}
			prev, seq = a.Hash, a.Seq
		}
	}
}

// checkRecords checks every version against its hash and audit entry, and
// every record's current state against its versions.
func checkRecords(ctx context.Context, tx mineaction.Tx, rep *Report, approved map[versionKey]string) error {
	var after int64
	for {
		recs, err := tx.Records(ctx, mineaction.RecordQuery{IncludeDeleted: true, AfterID: after, Limit: 5000})
		if err != nil {
			return err
		}
		if len(recs) == 0 {
			break
		}
		for _, rec := range recs {
			after = rec.ID
			rep.Records++
			vs, err := tx.Versions(ctx, rec.ID)
			if err != nil {
				return err
			}
			var current *mineaction.Version
			for _, v := range vs {
				rep.Versions++
				where := fmt.Sprintf("%s v%d", v.HID, v.Version)
				if h := v.ComputeHash(); h != v.Hash {
					rep.add("version", where, "its content was changed after approval (hash mismatch)")
				}
				if want, ok := approved[versionKey{v.HID, v.Version}]; !ok {
					rep.add("version", where, "has no approval entry in the audit log")
				} else if want != v.Hash {
					rep.add("version", where, "differs from the version the audit log approved")
				}
				delete(approved, versionKey{v.HID, v.Version})
				if v.Applied && v.UndoneAt == nil {
					current = v
				}
			}
			checkCurrent(rep, rec, current)
		}
	}
	for k := range approved {
		rep.add("version", fmt.Sprintf("%s v%d", k.hid, k.version), "the audit log approved it but it is missing")
	}
	return nil
}

// checkCurrent compares a record's current view with its current version.
func checkCurrent(rep *Report, rec *mineaction.RecordState, v *mineaction.Version) {
	if v == nil {
		if !rec.Deleted {
			rep.add("record", rec.HID, "is in the current view but has no approved version")
		}
		return
	}
	switch {
	case rec.Version != v.Version && !rec.Deleted:
		rep.add("record", rec.HID, "shows version %d but the current version is %d", rec.Version, v.Version)
	case rec.Deleted != v.Deleted:
		rep.add("record", rec.HID, "removal state differs from its current version")
	case !rec.Deleted && !bytes.Equal(rec.Properties, v.Properties):
		rep.add("record", rec.HID, "properties differ from its current version %d", v.Version)
	case !rec.Deleted && !bytes.Equal(wkb(rec.Geometry), wkb(v.Geometry)):
		rep.add("record", rec.HID, "geometry differs from its current version %d", v.Version)
	}
}

func wkb(g geo.Geometry) []byte {
	if g == nil {
		return nil
	}
	return geo.MarshalWKB(g)
}

// checkFigures checks the identity on every hazard's stored figures and
// recomputes them from the geometry.
func checkFigures(ctx context.Context, tx mineaction.Tx, rep *Report) error {
	var after int64
	for {
		hs, err := tx.Records(ctx, mineaction.RecordQuery{Type: mineaction.TypeHazard, AfterID: after, Limit: 2000})
		if err != nil {
			return err
		}
		if len(hs) == 0 {
			return nil
		}
		for _, h := range hs {
			after = h.ID
			rep.Hazards++
			f, err := tx.Figures(ctx, h.ID)
			if err != nil {
				rep.add("figures", h.HID, "missing: %v", err)
				continue
			}
			if !landrelease.Balanced(f) {
				rep.add("figures", h.HID, "original %.4f m² != cancelled %.4f + reduced %.4f + cleared %.4f + remaining %.4f",
					f.OriginalM2, f.CancelledM2, f.ReducedM2, f.ClearedM2, f.RemainingM2)
			}
			outs, _, err := landrelease.Outcomes(ctx, tx, h.ID)
			if err != nil {
				return err
			}
			res, err := landrelease.Account(h.Geometry, outs)
			if err != nil {
				rep.add("figures", h.HID, "cannot be recomputed: %v", err)
				continue
			}
			g := res.Figures
			for _, c := range []struct {
				name       string
				stored, re float64
			}{{"original", f.OriginalM2, g.OriginalM2}, {"cancelled", f.CancelledM2, g.CancelledM2},
				{"reduced", f.ReducedM2, g.ReducedM2}, {"cleared", f.ClearedM2, g.ClearedM2}, {"remaining", f.RemainingM2, g.RemainingM2}} {
				if math.Abs(c.stored-c.re) > landrelease.Tolerance(g.OriginalM2) {
					rep.add("figures", h.HID, "stored %s %.4f m² but the geometry gives %.4f m²", c.name, c.stored, c.re)
				}
			}
		}
	}
}
