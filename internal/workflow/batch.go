package workflow

import (
	"context"
	"fmt"

	"mineaction/internal/auth"
	"mineaction/internal/mineaction"
)

// SubmitAndApprove enters reports as author and approves them as approver,
// all in one transaction: every report goes through the same validation and
// the same approval as one entered and approved by hand, but a bulk load
// (a legacy baseline, the demo data set) commits once per batch instead of
// once per report. Any fault rolls the whole batch back; the error names the
// index of the faulty report.
func (s *Service) SubmitAndApprove(ctx context.Context, author, approver auth.Caller, ins []Input) ([]*mineaction.Report, error) {
	return s.EnterEach(ctx, author, approver, true, func(done []*mineaction.Report) (Input, bool, error) {
		if len(done) == len(ins) {
			return Input{}, false, nil
		}
		return ins[len(done)], true, nil
	})
}

// EnterEach enters reports as author in one transaction, as next produces
// them: next is given the reports entered so far, so that a report can name
// the record an earlier one created (an activity its hazard), and returns
// false when there are no more. With approve, approver (who must be allowed
// to approve in bulk) approves each report as it is entered; without, each
// is staged or submitted as its Input says. Any fault rolls all of it back;
// the error is a *BatchError naming the index of the faulty report.
//
// Approving in bulk is the one exception to separation of duties (see
// docs/SECURITY.md): author and approver may be the same user, an
// administrator at the server (mineaction import --approve), and the
// reports then name that user as both. It is not offered over HTTP.
func (s *Service) EnterEach(ctx context.Context, author, approver auth.Caller, approve bool,
	next func(done []*mineaction.Report) (Input, bool, error)) ([]*mineaction.Report, error) {
	if approve {
		if err := allow(approver, auth.BulkApprove, auth.Resource{}, "approve reports in bulk"); err != nil {
			return nil, err
		}
	}
	var out []*mineaction.Report
	err := s.store.Update(ctx, func(tx mineaction.Tx) error {
		out = out[:0]
		for i := 0; ; i++ {
			in, more, err := next(out)
			if err != nil {
				return &BatchError{Index: i, Err: err}
			}
			if !more {
				return nil
			}
			var r *mineaction.Report
			if approve {
				r, err = s.submitAndApprove(ctx, tx, author, approver, in)
			} else {
				r, err = s.create(ctx, tx, author, in)
			}
			if err != nil {
				return &BatchError{Index: i, Err: err}
			}
			out = append(out, r)
		}
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// BatchError locates the report that failed in a batch.
type BatchError struct {
	Index int
	Err   error
}

func (e *BatchError) Error() string { return fmt.Sprintf("report %d: %v", e.Index, e.Err) }
func (e *BatchError) Unwrap() error { return e.Err }

func (s *Service) submitAndApprove(ctx context.Context, tx mineaction.Tx, author, approver auth.Caller, in Input) (*mineaction.Report, error) {
	in.AcceptIssues = false
	d, err := s.prepare(ctx, tx, author, in, nil)
	if err != nil {
		return nil, err
	}
	now := s.now()
	b := mineaction.BaseOf(d.rec)
	r := &mineaction.Report{
		RecordType: in.RecordType, Version: in.Version, Delete: in.Delete, Status: mineaction.StatusSubmitted,
		Organisation: b.Organisation, CreatedBy: author.User, CreatedAt: now, UpdatedAt: now, SubmittedAt: &now,
		Properties: d.props, Geometry: d.geom, DateOfInformation: b.DateOfInformation, Warnings: d.warnings, Revision: 1,
		Authors: []string{author.User},
	}
	if d.target != nil {
		r.RecordID, r.RecordHID = d.target.ID, d.target.HID
	}
	if err := tx.InsertReport(ctx, r); err != nil {
		return nil, err
	}
	if err := audit(ctx, tx, &mineaction.AuditEntry{At: now, Actor: author.User, Action: mineaction.AuditReportCreate,
		ReportID: r.ID, RecordHID: r.RecordHID, Detail: string(r.RecordType) + " submitted"}); err != nil {
		return nil, err
	}
	ap := &applier{s: s, ctx: ctx, tx: tx, now: now, actor: approver.User, report: r}
	if err := ap.lockFor(d.rec); err != nil {
		return nil, err
	}
	v, err := ap.apply(d.rec)
	if err != nil {
		return nil, err
	}
	if err := ap.complete(); err != nil {
		return nil, err
	}
	r.Status, r.DecidedBy, r.DecidedAt = mineaction.StatusApproved, approver.User, &now
	r.RecordID, r.RecordHID, r.ResultVersion = v.RecordID, v.HID, v.Version
	r.Revision++
	return r, tx.UpdateReport(ctx, r)
}
