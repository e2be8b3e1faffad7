package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"mineaction/internal/auth"
	"mineaction/internal/geo"
	"mineaction/internal/httpx"
	"mineaction/internal/mineaction"
	"mineaction/internal/workflow"
)

// refs reads the reference data of the forms.
func (w *Web) refs(r *http.Request) (refData, error) {
	var d refData
	ctx := r.Context()
	err := w.store.View(ctx, func(tx mineaction.Tx) error {
		var err error
		if d.Orgs, err = tx.Organisations(ctx); err != nil {
			return err
		}
		if d.Areas, err = tx.AdminAreas(ctx); err != nil {
			return err
		}
		d.Ordnance, err = tx.OrdnanceList(ctx)
		return err
	})
	return d, err
}

// NewReportPage handles GET /reports/new?type= (a new record) and
// ?record=HID (a change to a record, the form filled with its current
// version).
func (w *Web) NewReportPage(rw http.ResponseWriter, r *http.Request) error {
	c := httpx.CallerOf(r)
	if err := need(c, auth.CreateReport, auth.Resource{Organisation: c.Organisation}, "enter reports"); err != nil {
		return err
	}
	q := r.URL.Query()
	t := mineaction.RecordType(q.Get("type"))
	v := url.Values{}
	fit := geo.EmptyBBox()
	if hid := strings.ToUpper(q.Get("record")); hid != "" {
		ctx := r.Context()
		err := w.store.View(ctx, func(tx mineaction.Tx) error {
			rec, err := tx.RecordByHID(ctx, hid)
			if err != nil || rec.Deleted {
				return mineaction.NotFoundf("no record %s", hid)
			}
			t = rec.Type
			v = forms[t].values(w.view(c, rec.Type, rec.Organisation, rec.Properties))
			v.Set("record_id", rec.HID)
			v.Set("version", strconv.Itoa(rec.Version))
			if rec.Geometry != nil {
				v.Set("geometry_geojson", string(geo.AppendGeoJSON(nil, rec.Geometry)))
				fit = rec.Geometry.Bounds()
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	if t == "" {
		p := w.newPage(r, "new", msgs.T("form.choose_type"))
		p.Data = formView{Types: mineaction.RecordTypes}
		return w.render(rw, http.StatusOK, "choose", p)
	}
	spec, ok := forms[t]
	if !ok {
		return httpx.BadRequest{Err: mineaction.Invalid("type", "unknown record type %q", t)}
	}
	return w.renderForm(rw, r, http.StatusOK, spec, v, formErrors{}, 0, fit)
}

// renderForm draws a report form: for a new report when id is 0, else
// for editing report id (posted back to its own URL, and titled with its
// number so that it is not mistaken for a new one).
func (w *Web) renderForm(rw http.ResponseWriter, r *http.Request, status int, spec *formSpec, v url.Values, fe formErrors, id int64, fit geo.BBox) error {
	ref, err := w.refs(r)
	if err != nil {
		return err
	}
	c := httpx.CallerOf(r)
	fv := spec.view(c, v, fe, ref)
	fv.Action, fv.RecordID = "/reports", v.Get("record_id")
	fv.Version, _ = strconv.Atoi(v.Get("version"))
	fv.Revision, _ = strconv.Atoi(v.Get("revision"))
	one := msgs.T("one." + string(spec.Type))
	title, nav := msgs.F("form.title.new", one), "new"
	switch {
	case id != 0:
		fv.Action = fmt.Sprintf("/reports/%d", id)
		title, nav = msgs.F("form.title.edit", id, one), "reports"
	case fv.RecordID != "":
		title = msgs.F("form.title.change", one, fv.RecordID)
	}
	fv.Heading = title
	if len(fv.Summary) > 0 || len(fv.General) > 0 {
		// The title is what a screen reader reads first after the post.
		title = msgs.F("form.title.error", title)
	}
	p := w.newPage(r, nav, title)
	if spec.Geometry != "" {
		cfg := w.baseMap(r)
		cfg.Geometry = spec.Geometry
		cfg.Fit = boxOf(fit)
		cfg.Labels = mapLabels()
		p.MapConfig, p.Scripts = cfg, []string{"edit.js"}
	}
	p.Data = fv
	return w.render(rw, status, "form", p)
}

// input builds the workflow's input from a posted form, and which form
// row each item of its lists came from.
func (w *Web) input(ctx context.Context, spec *formSpec, v url.Values, fe formErrors) (workflow.Input, rowMap) {
	rd := positions{area: w.cfg.Workflow.ServiceArea(ctx)}
	props, rows := spec.properties(v, fe, rd)
	var geom json.RawMessage
	if spec.Geometry != "" {
		geom = geometryInput(spec.Geometry, v, fe, rd)
	}
	if geom == nil {
		geom = json.RawMessage("null")
	}
	pb, _ := json.Marshal(props)
	feat := fmt.Sprintf(`{"type":"Feature","geometry":%s,"properties":%s}`, geom, pb)
	// A form without the personal fields cannot show victims' personal
	// data, so what it posts must not remove it (see workflow.Input).
	in := workflow.Input{RecordType: spec.Type, RecordID: v.Get("record_id"), Feature: json.RawMessage(feat),
		Submit: v.Get("action") == "submit", KeepPersonal: !spec.showsPersonal()}
	in.Version, _ = strconv.Atoi(v.Get("version"))
	return in, rows
}

// postedForm reads a form post and its spec.
func postedForm(rw http.ResponseWriter, r *http.Request) (*formSpec, url.Values, error) {
	r.Body = http.MaxBytesReader(rw, r.Body, 4<<20)
	if err := r.ParseForm(); err != nil {
		return nil, nil, httpx.BadRequest{Err: mineaction.Invalid("body", "could not be read as a form")}
	}
	t := mineaction.RecordType(r.PostForm.Get("record_type"))
	spec, ok := forms[t]
	if !ok {
		return nil, nil, httpx.BadRequest{Err: mineaction.Invalid("record_type", "unknown record type %q", t)}
	}
	return spec, r.PostForm, nil
}

// CreateReport handles POST /reports: a new report from the form, staged
// or submitted; on invalid input the form again, with each error next to
// its field.
func (w *Web) CreateReport(rw http.ResponseWriter, r *http.Request) error {
	c := httpx.CallerOf(r)
	if err := need(c, auth.CreateReport, auth.Resource{Organisation: c.Organisation}, "enter reports"); err != nil {
		return err
	}
	spec, v, err := postedForm(rw, r)
	if err != nil {
		return err
	}
	fe := formErrors{}
	in, rows := w.input(r.Context(), spec, v, fe)
	if len(fe) > 0 {
		return w.renderForm(rw, r, http.StatusUnprocessableEntity, spec, v, fe, 0, geo.EmptyBBox())
	}
	rep, err := w.cfg.Workflow.CreateReport(r.Context(), c, in)
	if err != nil {
		if fe, ok := w.fieldErrors(spec, rows, err); ok {
			return w.renderForm(rw, r, http.StatusUnprocessableEntity, spec, v, fe, 0, geo.EmptyBBox())
		}
		return err
	}
	return seeOther(rw, r, savedURL(rep, v))
}

// fieldErrors turns the workflow's invalid-input error into form errors.
func (w *Web) fieldErrors(spec *formSpec, rows rowMap, err error) (formErrors, bool) {
	var e *mineaction.Error
	if !errors.As(err, &e) || e.Kind != mineaction.KindInvalid {
		return nil, false
	}
	fe := formErrors{}
	for _, f := range e.Fields {
		key, rest := spec.errorKey(f.Field, rows)
		reason := f.Reason
		if rest != "" {
			reason = rest + ": " + reason
		}
		fe.add(key, reason)
	}
	if len(e.Fields) == 0 {
		fe.add("", e.Msg)
	}
	return fe, true
}

// EditReportPage handles GET /reports/{id}/edit: the form of a staged or
// rejected report.
func (w *Web) EditReportPage(rw http.ResponseWriter, r *http.Request) error {
	c := httpx.CallerOf(r)
	rep, err := w.report(r)
	if err != nil {
		return err
	}
	if err := need(c, auth.EditReport, auth.ReportResource(rep), "change this report"); err != nil {
		return err
	}
	if !rep.Status.Editable() {
		return mineaction.Conflictf("report %d is %s; only staged or rejected reports can be changed", rep.ID, rep.Status)
	}
	spec := forms[rep.RecordType]
	v := spec.values(w.view(c, rep.RecordType, rep.Organisation, rep.Properties))
	v.Set("record_id", rep.RecordHID)
	if rep.RecordHID != "" {
		v.Set("version", strconv.Itoa(rep.Version))
	}
	v.Set("revision", strconv.Itoa(rep.Revision))
	fit := geo.EmptyBBox()
	if rep.Geometry != nil {
		v.Set("geometry_geojson", string(geo.AppendGeoJSON(nil, rep.Geometry)))
		fit = rep.Geometry.Bounds()
	}
	return w.renderForm(rw, r, http.StatusOK, spec, v, formErrors{}, rep.ID, fit)
}

// UpdateReport handles POST /reports/{id}: the edited report.
func (w *Web) UpdateReport(rw http.ResponseWriter, r *http.Request) error {
	c := httpx.CallerOf(r)
	rep, err := w.report(r)
	if err != nil {
		return err
	}
	if err := need(c, auth.EditReport, auth.ReportResource(rep), "change this report"); err != nil {
		return err
	}
	id := rep.ID
	spec, v, err := postedForm(rw, r)
	if err != nil {
		return err
	}
	fe := formErrors{}
	in, rows := w.input(r.Context(), spec, v, fe)
	if len(fe) > 0 {
		return w.renderForm(rw, r, http.StatusUnprocessableEntity, spec, v, fe, id, geo.EmptyBBox())
	}
	rev, _ := strconv.Atoi(v.Get("revision"))
	if rev == 0 {
		return httpx.BadRequest{Err: mineaction.Invalid("revision", "required")}
	}
	rep, err = w.cfg.Workflow.UpdateReport(r.Context(), c, id, rev, in)
	if err != nil {
		if fe, ok := w.fieldErrors(spec, rows, err); ok {
			return w.renderForm(rw, r, http.StatusUnprocessableEntity, spec, v, fe, id, geo.EmptyBBox())
		}
		return err
	}
	return seeOther(rw, r, savedURL(rep, v))
}

// savedURL is the report page a saved form leads to. A traverse closed on
// its benchmark within the tolerance carries its misclosure there, so that
// the user always learns by how much it missed.
func savedURL(rep *mineaction.Report, v url.Values) string {
	u := fmt.Sprintf("/reports/%d?done=%s", rep.ID, rep.Status)
	if m := v.Get("geom_misclosure"); m != "" && v.Get("geom_mode") == modeTraverse {
		u += "&misclosure=" + url.QueryEscape(m)
	}
	return u
}

func reportID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		return 0, mineaction.NotFoundf("no such report %q", r.PathValue("id"))
	}
	return id, nil
}

// report reads the {id} report as the caller may see it.
func (w *Web) report(r *http.Request) (*mineaction.Report, error) {
	id, err := reportID(r)
	if err != nil {
		return nil, err
	}
	return w.cfg.Workflow.Report(r.Context(), httpx.CallerOf(r), id)
}
