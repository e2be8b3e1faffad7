package workflow

import (
	"context"
	"fmt"
	"strings"

	"mineaction/internal/auth"
	"mineaction/internal/mineaction"
)

// CreateReport validates and stages (or submits) a report.
func (s *Service) CreateReport(ctx context.Context, c auth.Caller, in Input) (*mineaction.Report, error) {
	var out *mineaction.Report
	err := s.store.Update(ctx, func(tx mineaction.Tx) error {
		var err error
		out, err = s.create(ctx, tx, c, in)
		return err
	})
	return out, err
}

// create validates and stages (or submits) a report inside tx.
func (s *Service) create(ctx context.Context, tx mineaction.Tx, c auth.Caller, in Input) (*mineaction.Report, error) {
	d, err := s.prepare(ctx, tx, c, in, nil)
	if err != nil {
		return nil, err
	}
	now := s.now()
	r := &mineaction.Report{
		RecordType: in.RecordType, Version: in.Version, Delete: in.Delete, Status: mineaction.StatusStaged,
		Organisation: mineaction.BaseOf(d.rec).Organisation, CreatedBy: c.User, CreatedAt: now, UpdatedAt: now,
		Properties: d.props, Geometry: d.geom, DateOfInformation: mineaction.BaseOf(d.rec).DateOfInformation,
		Issues: d.issues, Warnings: d.warnings, Revision: 1, Authors: []string{c.User},
	}
	if d.target != nil {
		r.RecordID, r.RecordHID = d.target.ID, d.target.HID
	}
	if in.Submit {
		r.Status, r.SubmittedAt = mineaction.StatusSubmitted, &now
	}
	if err := tx.InsertReport(ctx, r); err != nil {
		return nil, err
	}
	if err := audit(ctx, tx, &mineaction.AuditEntry{At: now, Actor: c.User, Action: mineaction.AuditReportCreate,
		ReportID: r.ID, RecordHID: r.RecordHID, Detail: string(r.RecordType) + " " + string(r.Status)}); err != nil {
		return nil, err
	}
	return r, nil
}

// loadReport reads a report the caller may see, checking its revision if
// ifRevision is not zero.
func loadReport(ctx context.Context, tx mineaction.Tx, c auth.Caller, id int64, ifRevision int) (*mineaction.Report, error) {
	r, err := tx.Report(ctx, id)
	if err != nil {
		return nil, err
	}
	if !auth.Allow(c, auth.ReadReport, auth.ReportResource(r)) {
		if c.Anonymous() {
			return nil, &mineaction.Error{Kind: mineaction.KindUnauthorized, Msg: "sign in first"}
		}
		// Do not reveal that another organisation's report exists.
		return nil, mineaction.NotFoundf("report %d not found", id)
	}
	if ifRevision != 0 && ifRevision != r.Revision {
		return nil, &mineaction.Error{Kind: mineaction.KindPrecondition,
			Msg: fmt.Sprintf("report %d is at revision %d, not %d: reload it", id, r.Revision, ifRevision)}
	}
	return r, nil
}

// lockReport locks a report, then reads it as loadReport does.
func lockReport(ctx context.Context, tx mineaction.Tx, c auth.Caller, id int64, ifRevision int) (*mineaction.Report, error) {
	if err := tx.LockReport(ctx, id); err != nil {
		return nil, err
	}
	return loadReport(ctx, tx, c, id, ifRevision)
}

// UpdateReport replaces the body of a staged or rejected report. The
// revision must match (If-Match).
func (s *Service) UpdateReport(ctx context.Context, c auth.Caller, id int64, ifRevision int, in Input) (*mineaction.Report, error) {
	if ifRevision == 0 {
		return nil, mineaction.Invalid("If-Match", "required: the report's current revision (ETag)")
	}
	var out *mineaction.Report
	err := s.store.Update(ctx, func(tx mineaction.Tx) error {
		r, err := lockReport(ctx, tx, c, id, ifRevision)
		if err != nil {
			return err
		}
		if err := allow(c, auth.EditReport, auth.ReportResource(r), "change this report"); err != nil {
			return err
		}
		if !r.Status.Editable() {
			return mineaction.Conflictf("report %d is %s; only staged or rejected reports can be changed", id, r.Status)
		}
		if in.RecordType != r.RecordType {
			return mineaction.Invalid("record_type", "a %s report cannot become a %s report", r.RecordType, in.RecordType)
		}
		d, err := s.prepare(ctx, tx, c, in, r)
		if err != nil {
			return err
		}
		now := s.now()
		r.Version, r.Delete = in.Version, in.Delete
		r.RecordID, r.RecordHID = 0, ""
		if d.target != nil {
			r.RecordID, r.RecordHID = d.target.ID, d.target.HID
		}
		r.Organisation = mineaction.BaseOf(d.rec).Organisation
		r.Properties, r.Geometry = d.props, d.geom
		r.DateOfInformation = mineaction.BaseOf(d.rec).DateOfInformation
		r.Issues, r.Warnings = d.issues, d.warnings
		// Whoever changes the content becomes one of its authors, and may
		// no longer decide on it.
		r.AddAuthor(c.User)
		r.Status, r.Reason, r.DecidedBy, r.DecidedAt = mineaction.StatusStaged, "", "", nil
		if in.Submit {
			r.Status, r.SubmittedAt = mineaction.StatusSubmitted, &now
		}
		r.UpdatedAt = now
		r.Revision++
		if err := tx.UpdateReport(ctx, r); err != nil {
			return err
		}
		out = r
		return audit(ctx, tx, &mineaction.AuditEntry{At: now, Actor: c.User, Action: mineaction.AuditReportUpdate, ReportID: r.ID, RecordHID: r.RecordHID})
	})
	return out, err
}

// DeleteReport deletes a staged or rejected report.
func (s *Service) DeleteReport(ctx context.Context, c auth.Caller, id int64, ifRevision int) error {
	return s.store.Update(ctx, func(tx mineaction.Tx) error {
		r, err := lockReport(ctx, tx, c, id, ifRevision)
		if err != nil {
			return err
		}
		if err := allow(c, auth.EditReport, auth.ReportResource(r), "delete this report"); err != nil {
			return err
		}
		if !r.Status.Editable() {
			return mineaction.Conflictf("report %d is %s; only staged or rejected reports can be deleted", id, r.Status)
		}
		if err := tx.DeleteReport(ctx, id); err != nil {
			return err
		}
		return audit(ctx, tx, &mineaction.AuditEntry{At: s.now(), Actor: c.User, Action: mineaction.AuditReportDelete, ReportID: id, RecordHID: r.RecordHID})
	})
}

// transition moves a report between workflow states after the checks.
func (s *Service) transition(ctx context.Context, c auth.Caller, id int64, ifRevision int, action string,
	apply func(tx mineaction.Tx, r *mineaction.Report) error) (*mineaction.Report, error) {
	return s.transitionThen(ctx, c, id, ifRevision, action, func(tx mineaction.Tx, r *mineaction.Report) (func() error, error) {
		return nil, apply(tx, r)
	})
}

// transitionThen is transition where apply may leave a last step, run
// after the report is stored: an approval numbers its new records last.
func (s *Service) transitionThen(ctx context.Context, c auth.Caller, id int64, ifRevision int, action string,
	apply func(tx mineaction.Tx, r *mineaction.Report) (then func() error, err error)) (*mineaction.Report, error) {
	var out *mineaction.Report
	err := s.store.Update(ctx, func(tx mineaction.Tx) error {
		out = nil
		r, err := lockReport(ctx, tx, c, id, ifRevision)
		if err != nil {
			return err
		}
		then, err := apply(tx, r)
		if err != nil {
			return err
		}
		r.UpdatedAt = s.now()
		r.Revision++
		if err := tx.UpdateReport(ctx, r); err != nil {
			return err
		}
		if then != nil {
			if err := then(); err != nil {
				return err
			}
		}
		out = r
		return nil
	})
	if err == nil {
		s.log.Debug("report "+action, "report", id, "user", c.User, "record", out.RecordHID)
	}
	return out, err
}

// Submit sends a staged report for review.
func (s *Service) Submit(ctx context.Context, c auth.Caller, id int64, ifRevision int) (*mineaction.Report, error) {
	return s.transition(ctx, c, id, ifRevision, "submitted", func(tx mineaction.Tx, r *mineaction.Report) error {
		if err := allow(c, auth.EditReport, auth.ReportResource(r), "submit this report"); err != nil {
			return err
		}
		if !r.Status.Editable() {
			return mineaction.Conflictf("report %d is %s; only staged reports can be submitted", id, r.Status)
		}
		now := s.now()
		r.Status, r.SubmittedAt = mineaction.StatusSubmitted, &now
		return audit(ctx, tx, &mineaction.AuditEntry{At: now, Actor: c.User, Action: mineaction.AuditReportSubmit, ReportID: r.ID, RecordHID: r.RecordHID})
	})
}

// Withdraw takes a submitted report back to the staging area.
func (s *Service) Withdraw(ctx context.Context, c auth.Caller, id int64, ifRevision int) (*mineaction.Report, error) {
	return s.transition(ctx, c, id, ifRevision, "withdrawn", func(tx mineaction.Tx, r *mineaction.Report) error {
		if err := allow(c, auth.EditReport, auth.ReportResource(r), "withdraw this report"); err != nil {
			return err
		}
		if r.Status != mineaction.StatusSubmitted {
			return mineaction.Conflictf("report %d is %s; only submitted reports can be withdrawn", id, r.Status)
		}
		r.Status, r.SubmittedAt = mineaction.StatusStaged, nil
		return audit(ctx, tx, &mineaction.AuditEntry{At: s.now(), Actor: c.User, Action: mineaction.AuditReportWithdraw, ReportID: r.ID, RecordHID: r.RecordHID})
	})
}

// Reject refuses a submitted report with a reason; it changes no record.
func (s *Service) Reject(ctx context.Context, c auth.Caller, id int64, ifRevision int, reason string) (*mineaction.Report, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, mineaction.Invalid("reason", "required: say why the report is rejected")
	}
	if len(reason) > 2000 {
		return nil, mineaction.Invalid("reason", "longer than 2000 characters")
	}
	return s.transition(ctx, c, id, ifRevision, "rejected", func(tx mineaction.Tx, r *mineaction.Report) error {
		if err := allow(c, auth.DecideReport, auth.ReportResource(r), "reject this report"); err != nil {
			return err
		}
		if r.Status != mineaction.StatusSubmitted {
			return mineaction.Conflictf("report %d is %s; only submitted reports can be rejected", id, r.Status)
		}
		now := s.now()
		r.Status, r.Reason, r.DecidedBy, r.DecidedAt = mineaction.StatusRejected, reason, c.User, &now
		return audit(ctx, tx, &mineaction.AuditEntry{At: now, Actor: c.User, Action: mineaction.AuditReportReject, ReportID: r.ID, RecordHID: r.RecordHID, Detail: reason})
	})
}

// Report returns one report the caller may read.
func (s *Service) Report(ctx context.Context, c auth.Caller, id int64) (*mineaction.Report, error) {
	var out *mineaction.Report
	err := s.store.View(ctx, func(tx mineaction.Tx) error {
		var err error
		out, err = loadReport(ctx, tx, c, id, 0)
		return err
	})
	return out, err
}

// Reports lists the reports the caller may read.
func (s *Service) Reports(ctx context.Context, c auth.Caller, f mineaction.ReportFilter) ([]*mineaction.Report, error) {
	if !auth.Allow(c, auth.ReadReport, auth.Resource{Organisation: c.Organisation, CreatedBy: c.User}) {
		return nil, allow(c, auth.ReadReport, auth.Resource{Organisation: c.Organisation, CreatedBy: c.User}, "read reports")
	}
	if !auth.Allow(c, auth.ReadReport, auth.Resource{Organisation: "\x00other", CreatedBy: "\x00other"}) {
		// Editors see their own organisation's reports only.
		f.Organisation = c.Organisation
	}
	var out []*mineaction.Report
	err := s.store.View(ctx, func(tx mineaction.Tx) error {
		var err error
		out, err = tx.Reports(ctx, f)
		return err
	})
	return out, err
}
