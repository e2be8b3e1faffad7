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
	if err := allow(approver, auth.BulkApprove, auth.Resource{}, "approve reports in bulk"); err != nil {
		return nil, err
	}
	out := make([]*mineaction.Report, 0, len(ins))
	err := s.store.Update(ctx, func(tx mineaction.Tx) error {
		for i, in := range ins {
			r, err := s.submitAndApprove(ctx, tx, author, approver, in)
			if err != nil {
				return &BatchError{Index: i, Err: err}
			}
			out = append(out, r)
		}
		return nil
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
	d, err := s.prepare(ctx, tx, author, in)
	if err != nil {
		return nil, err
	}
	now := s.now()
	b := mineaction.BaseOf(d.rec)
	r := &mineaction.Report{
		RecordType: in.RecordType, Version: in.Version, Delete: in.Delete, Status: mineaction.StatusSubmitted,
		Organisation: b.Organisation, CreatedBy: author.User, CreatedAt: now, UpdatedAt: now, SubmittedAt: &now,
		Properties: d.props, Geometry: d.geom, DateOfInformation: b.DateOfInformation, Warnings: d.warnings, Revision: 1,
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
	v, err := ap.apply(d.rec)
	if err != nil {
		return nil, err
	}
	r.Status, r.DecidedBy, r.DecidedAt = mineaction.StatusApproved, approver.User, &now
	r.RecordID, r.RecordHID, r.ResultVersion = v.RecordID, v.HID, v.Version
	r.Revision++
	return r, tx.UpdateReport(ctx, r)
}
