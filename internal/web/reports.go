package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"mineaction/internal/auth"
	"mineaction/internal/geo"
	"mineaction/internal/httpx"
	"mineaction/internal/mineaction"
)

// reportData is the report page's data.
type reportData struct {
	Report   *mineaction.Report
	Facts    []fact
	Changes  []changeView
	Current  *mineaction.RecordState
	Warnings []warningView
	Error    *errorData
	Can      map[string]bool
	// Older is set before a decision when the report's date of
	// information is not later than the record's: approving it will keep
	// it in the record's history without changing the current view.
	Older bool
	// KeptInHistory is set after such an approval.
	KeptInHistory bool
	// Misclosure is by how many metres the traverse just saved missed its
	// benchmark (see savedURL), or "".
	Misclosure string
}

// warningView is a warning or import issue with the label of its field.
type warningView struct {
	Field, Label, Code, Reason string
}

// ReportPage handles GET /reports/{id}: what the report would change (a
// diff against the current version and the map of the new and old
// geometry), its warnings and import issues, and the actions the caller
// may take.
func (w *Web) ReportPage(rw http.ResponseWriter, r *http.Request) error {
	rep, err := w.report(r)
	if err != nil {
		return err
	}
	return w.renderReport(rw, r, http.StatusOK, rep, nil)
}

func (w *Web) renderReport(rw http.ResponseWriter, r *http.Request, status int, rep *mineaction.Report, actionErr error) error {
	c := httpx.CallerOf(r)
	ctx := r.Context()
	props := w.view(c, rep.RecordType, rep.Organisation, rep.Properties)
	d := reportData{Report: rep, Can: map[string]bool{}}
	if m, err := strconv.ParseFloat(r.URL.Query().Get("misclosure"), 64); err == nil && m > 0 {
		d.Misclosure = strconv.FormatFloat(m, 'f', 2, 64)
	}
	features := []json.RawMessage{}
	fit := geo.EmptyBBox()
	var vals values
	err := w.store.View(ctx, func(tx mineaction.Tx) error {
		var err error
		if vals, err = w.valuesFor(ctx, tx, c, rep.RecordType); err != nil {
			return err
		}
		if rep.RecordHID == "" {
			return nil
		}
		cur, err := tx.RecordByHID(ctx, rep.RecordHID)
		if err != nil {
			return nil
		}
		if rep.Status != mineaction.StatusApproved {
			d.Current = cur
			// The rule approval applies (see workflow's applier.apply).
			d.Older = rep.DateOfInformation <= cur.DateOfInformation
			return nil
		}
		versions, err := tx.Versions(ctx, cur.ID)
		if err != nil {
			return err
		}
		for _, v := range versions {
			if v.ReportID == rep.ID && v.Version == rep.ResultVersion && v.UndoneAt == nil {
				d.KeptInHistory = !v.Applied
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	d.Facts = vals.facts(props)
	var oldProps json.RawMessage
	var oldGeom geo.Geometry
	if d.Current != nil {
		oldProps = w.view(c, d.Current.Type, d.Current.Organisation, d.Current.Properties)
		oldGeom = d.Current.Geometry
		if oldGeom != nil {
			features = append(features, feature("old", oldGeom))
			fit = fit.Union(oldGeom.Bounds())
		}
	}
	if rep.Status != mineaction.StatusApproved {
		d.Changes = vals.changes(oldProps, props, oldGeom, rep.Geometry)
	}
	if rep.Geometry != nil {
		features = append(features, feature("new", rep.Geometry))
		fit = fit.Union(rep.Geometry.Bounds())
	}
	spec := forms[rep.RecordType]
	for _, is := range rep.Issues {
		key, _ := spec.errorKey("feature."+is.Field, nil)
		d.Warnings = append(d.Warnings, warningView{Field: is.Field, Label: msgs.fieldLabel(lastPart(key)), Code: "issue", Reason: is.Reason})
	}
	for _, wn := range rep.Warnings {
		key, rest := spec.errorKey(wn.Field, nil)
		label := msgs.fieldLabel(lastPart(key))
		if rest != "" {
			label += " " + rest
		}
		d.Warnings = append(d.Warnings, warningView{Field: wn.Field, Label: label, Code: wn.Code, Reason: wn.Reason})
	}
	res := auth.ReportResource(rep)
	edit := auth.Allow(c, auth.EditReport, res)
	d.Can["edit"] = edit && rep.Status.Editable()
	d.Can["submit"] = edit && rep.Status.Editable()
	d.Can["withdraw"] = edit && rep.Status == mineaction.StatusSubmitted
	d.Can["decide"] = auth.Allow(c, auth.DecideReport, res) && rep.Status == mineaction.StatusSubmitted && len(rep.Issues) == 0
	d.Can["undo"] = auth.Allow(c, auth.UndoApproval, res) && rep.Status == mineaction.StatusApproved
	if actionErr != nil {
		p := httpx.ProblemOf(actionErr)
		d.Error = &errorData{Status: p.Status, Title: msgs.T(fmt.Sprintf("error.%d", p.Status)), Detail: p.Detail, Fields: p.Errors}
	}
	p := w.newPage(r, "reports", msgs.F("report.title", rep.ID))
	if p.Flash == "approve" && d.KeptInHistory {
		// Not "the record and the figures are updated": they are not.
		p.Flash = "approve_history"
	}
	cfg := w.baseMap(r)
	cfg.Features, cfg.Fit = featureCollection(features), boxOf(fit)
	p.MapConfig, p.Scripts, p.Data = cfg, []string{"record.js"}, d
	if len(features) == 0 {
		p.MapConfig, p.Scripts = nil, nil
	}
	return w.render(rw, status, "report", p)
}

// Action handles POST /reports/{id}/{action}: submit, withdraw, approve,
// reject (with a reason), undo and delete, then back to the report (or,
// after a delete, to the list). A refused action shows the report again
// with the reason.
func (w *Web) Action(action string) func(http.ResponseWriter, *http.Request) error {
	return func(rw http.ResponseWriter, r *http.Request) error {
		c := httpx.CallerOf(r)
		// Reading the report first applies the read policy: another
		// organisation's report is not found, whatever the action.
		cur, err := w.report(r)
		if err != nil {
			return err
		}
		id := cur.ID
		r.Body = http.MaxBytesReader(rw, r.Body, 64<<10)
		rev, _ := strconv.Atoi(r.PostFormValue("revision"))
		ctx, wf := r.Context(), w.cfg.Workflow
		var rep *mineaction.Report
		if action == "reject" {
			if err := need(c, auth.DecideReport, auth.ReportResource(cur), "reject this report"); err != nil {
				return err
			}
			if strings.TrimSpace(r.PostFormValue("reason")) == "" {
				err = mineaction.Invalid("reason", "say why the report is rejected: its author reads it")
				return w.renderReport(rw, r, http.StatusUnprocessableEntity, cur, err)
			}
		}
		switch action {
		case "submit":
			rep, err = wf.Submit(ctx, c, id, rev)
		case "withdraw":
			rep, err = wf.Withdraw(ctx, c, id, rev)
		case "approve":
			rep, err = wf.Approve(ctx, c, id, rev)
		case "reject":
			rep, err = wf.Reject(ctx, c, id, rev, r.PostFormValue("reason"))
		case "undo":
			rep, err = wf.Undo(ctx, c, id, rev)
		case "delete":
			if err = wf.DeleteReport(ctx, c, id, rev); err == nil {
				return seeOther(rw, r, "/reports?done=deleted")
			}
		default:
			return mineaction.NotFoundf("no action %q", action)
		}
		if err != nil {
			switch mineaction.ErrorKind(err) {
			case mineaction.KindInvalid, mineaction.KindConflict, mineaction.KindPrecondition:
				if now, lerr := w.cfg.Workflow.Report(ctx, c, id); lerr == nil {
					cur = now
				}
				return w.renderReport(rw, r, httpx.ProblemOf(err).Status, cur, err)
			}
			return err
		}
		return seeOther(rw, r, fmt.Sprintf("/reports/%d?done=%s", rep.ID, action))
	}
}

// listReportsData is the data of the report lists.
type listReportsData struct {
	Reports  []*mineaction.Report
	Status   string
	Statuses []mineaction.ReportStatus
	Queue    bool
	Counts   map[string]int
}

// Reports handles GET /reports?status=: the reports the caller may read,
// newest first.
func (w *Web) Reports(rw http.ResponseWriter, r *http.Request) error {
	return w.reportList(rw, r, false)
}

// Review handles GET /review: the verifier's queue, submitted reports
// first, then staged ones.
func (w *Web) Review(rw http.ResponseWriter, r *http.Request) error {
	c := httpx.CallerOf(r)
	if err := need(c, auth.DecideReport, auth.Resource{}, "review reports"); err != nil {
		return err
	}
	return w.reportList(rw, r, true)
}

func (w *Web) reportList(rw http.ResponseWriter, r *http.Request, queue bool) error {
	c := httpx.CallerOf(r)
	if err := need(c, auth.ReadReport, auth.Resource{Organisation: c.Organisation, CreatedBy: c.User}, "read reports"); err != nil {
		return err
	}
	d := listReportsData{Status: r.URL.Query().Get("status"), Statuses: mineaction.ReportStatuses, Queue: queue, Counts: map[string]int{}}
	f := mineaction.ReportFilter{Limit: 500}
	switch {
	case queue:
		f.Status = []mineaction.ReportStatus{mineaction.StatusSubmitted, mineaction.StatusStaged}
	case d.Status != "":
		f.Status = []mineaction.ReportStatus{mineaction.ReportStatus(d.Status)}
	default:
		// Approved reports are the records' history; the list is of work
		// in progress.
		f.Status = []mineaction.ReportStatus{mineaction.StatusStaged, mineaction.StatusSubmitted, mineaction.StatusRejected}
	}
	reps, err := w.cfg.Workflow.Reports(r.Context(), c, f)
	if err != nil {
		return err
	}
	// Newest first; in the queue, submitted before staged.
	for i, j := 0, len(reps)-1; i < j; i, j = i+1, j-1 {
		reps[i], reps[j] = reps[j], reps[i]
	}
	if queue {
		var sub, staged []*mineaction.Report
		for _, rep := range reps {
			if rep.Status == mineaction.StatusSubmitted {
				sub = append(sub, rep)
			} else {
				staged = append(staged, rep)
			}
		}
		reps = append(sub, staged...)
	}
	for _, rep := range reps {
		d.Counts[string(rep.Status)]++
	}
	d.Reports = reps
	nav, title := "reports", msgs.T("reports.title")
	if queue {
		nav, title = "review", msgs.T("review.title")
	}
	p := w.newPage(r, nav, title)
	p.Data = d
	return w.render(rw, http.StatusOK, "reports", p)
}
