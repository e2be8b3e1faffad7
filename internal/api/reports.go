package api

import (
	"encoding/json"
	"fmt"
	"net/http"

	"mineaction/internal/auth"
	"mineaction/internal/httpx"
	"mineaction/internal/mineaction"
	"mineaction/internal/workflow"
)

// reportView is a report as the API shows it: personal data removed unless
// the caller may read it.
func reportView(c auth.Caller, r *mineaction.Report) *mineaction.Report {
	out := *r
	out.Properties = redact(c, r.RecordType, r.Organisation, r.Properties)
	return &out
}

// redact removes victims' personal data the caller may not read.
func redact(c auth.Caller, t mineaction.RecordType, org string, props json.RawMessage) json.RawMessage {
	return mineaction.RedactPersonal(t, props, func(v mineaction.VictimFacts) bool {
		return auth.Allow(c, auth.ReadPersonal, auth.Resource{Organisation: org,
			ConsentAuthorities: v.ConsentAuthorities, ConsentNGOs: v.ConsentNGOs})
	})
}

// reportJSON is the wire form of a report: the record as a GeoJSON feature.
type reportJSON struct {
	*mineaction.Report
	Feature json.RawMessage `json:"feature"`
	Links   []link          `json:"links"`
}

type link struct {
	Href  string `json:"href"`
	Rel   string `json:"rel"`
	Type  string `json:"type,omitempty"`
	Title string `json:"title,omitempty"`
}

func (a *API) writeReport(w http.ResponseWriter, c auth.Caller, status int, r *mineaction.Report) error {
	v := reportView(c, r)
	feat := featureJSON(v.RecordHID, v.Geometry, v.Properties)
	w.Header().Set("ETag", etag(r.Revision))
	w.Header().Set("Cache-Control", "no-store")
	links := []link{{Href: fmt.Sprintf("/api/v1/reports/%d", r.ID), Rel: "self", Type: "application/json"}}
	if r.RecordHID != "" {
		links = append(links, link{Href: "/api/v1/records/" + r.RecordHID, Rel: "related", Type: "application/geo+json", Title: "the record"})
	}
	return httpx.WriteJSON(w, status, "", reportJSON{Report: v, Feature: feat, Links: links})
}

// CreateReport handles POST /api/v1/reports.
func (a *API) CreateReport(w http.ResponseWriter, r *http.Request) error {
	if err := checkParams(r); err != nil {
		return err
	}
	if err := httpx.RequireJSON(r); err != nil {
		return err
	}
	body, err := httpx.ReadBody(r, 0)
	if err != nil {
		return err
	}
	in, err := workflow.DecodeInput(body)
	if err != nil {
		return httpx.BadRequest{Err: err}
	}
	c := httpx.CallerOf(r)
	rep, err := a.wf.CreateReport(r.Context(), c, in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/reports/%d", rep.ID))
	return a.writeReport(w, c, http.StatusCreated, rep)
}

// GetReport handles GET /api/v1/reports/{id}.
func (a *API) GetReport(w http.ResponseWriter, r *http.Request) error {
	if err := checkParams(r); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	c := httpx.CallerOf(r)
	rep, err := a.wf.Report(r.Context(), c, id)
	if err != nil {
		return err
	}
	return a.writeReport(w, c, http.StatusOK, rep)
}

// ListReports handles GET /api/v1/reports.
func (a *API) ListReports(w http.ResponseWriter, r *http.Request) error {
	if err := checkParams(r, "status", "record_type", "limit", "after"); err != nil {
		return err
	}
	q := r.URL.Query()
	f := mineaction.ReportFilter{RecordType: mineaction.RecordType(q.Get("record_type"))}
	if f.RecordType != "" && !f.RecordType.Valid() {
		return httpx.BadRequest{Err: mineaction.Invalid("record_type", "unknown record type %q", f.RecordType)}
	}
	if s := q.Get("status"); s != "" {
		st := mineaction.ReportStatus(s)
		valid := false
		for _, known := range mineaction.ReportStatuses {
			valid = valid || known == st
		}
		if !valid {
			return httpx.BadRequest{Err: mineaction.Invalid("status", "unknown status %q", s)}
		}
		f.Status = []mineaction.ReportStatus{st}
	}
	limit, err := intParam(r, "limit", 100, 1, 1000)
	if err != nil {
		return err
	}
	after, err := intParam(r, "after", 0, 0, 1<<62)
	if err != nil {
		return err
	}
	f.Limit, f.AfterID = limit+1, int64(after)
	c := httpx.CallerOf(r)
	reps, err := a.wf.Reports(r.Context(), c, f)
	if err != nil {
		return err
	}
	out := struct {
		Reports []reportJSON `json:"reports"`
		Links   []link       `json:"links"`
	}{Reports: []reportJSON{}}
	for i, rep := range reps {
		if i == limit {
			next := *r.URL
			qq := next.Query()
			qq.Set("after", fmt.Sprint(reps[i-1].ID))
			next.RawQuery = qq.Encode()
			out.Links = append(out.Links, link{Href: next.String(), Rel: "next", Type: "application/json"})
			break
		}
		v := reportView(c, rep)
		out.Reports = append(out.Reports, reportJSON{Report: v, Feature: featureJSON(v.RecordHID, v.Geometry, v.Properties),
			Links: []link{{Href: fmt.Sprintf("/api/v1/reports/%d", rep.ID), Rel: "self", Type: "application/json"}}})
	}
	w.Header().Set("Cache-Control", "no-store")
	return httpx.WriteJSON(w, http.StatusOK, "", out)
}

// ReplaceReport handles PUT /api/v1/reports/{id} (If-Match required).
func (a *API) ReplaceReport(w http.ResponseWriter, r *http.Request) error {
	if err := checkParams(r); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	rev, err := ifMatch(r)
	if err != nil {
		return err
	}
	if err := httpx.RequireJSON(r); err != nil {
		return err
	}
	body, err := httpx.ReadBody(r, 0)
	if err != nil {
		return err
	}
	in, err := workflow.DecodeInput(body)
	if err != nil {
		return httpx.BadRequest{Err: err}
	}
	c := httpx.CallerOf(r)
	rep, err := a.wf.UpdateReport(r.Context(), c, id, rev, in)
	if err != nil {
		return err
	}
	return a.writeReport(w, c, http.StatusOK, rep)
}

// DeleteReport handles DELETE /api/v1/reports/{id}.
func (a *API) DeleteReport(w http.ResponseWriter, r *http.Request) error {
	if err := checkParams(r); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	rev, err := ifMatch(r)
	if err != nil {
		return err
	}
	if err := a.wf.DeleteReport(r.Context(), httpx.CallerOf(r), id, rev); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// Action handles POST /api/v1/reports/{id}/{action}: submit, approve,
// reject (with {"reason": "..."}), withdraw and undo.
func (a *API) Action(action string) httpx.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if err := checkParams(r); err != nil {
			return err
		}
		id, err := pathID(r)
		if err != nil {
			return err
		}
		rev, err := ifMatch(r)
		if err != nil {
			return err
		}
		c := httpx.CallerOf(r)
		ctx := r.Context()
		var rep *mineaction.Report
		switch action {
		case "submit":
			rep, err = a.wf.Submit(ctx, c, id, rev)
		case "approve":
			rep, err = a.wf.Approve(ctx, c, id, rev)
		case "withdraw":
			rep, err = a.wf.Withdraw(ctx, c, id, rev)
		case "undo":
			rep, err = a.wf.Undo(ctx, c, id, rev)
		case "reject":
			var body struct {
				Reason string `json:"reason"`
			}
			raw, rerr := httpx.ReadBody(r, 64<<10)
			if rerr != nil {
				return rerr
			}
			if len(raw) > 0 {
				dec := json.NewDecoder(bytesReader(raw))
				dec.DisallowUnknownFields()
				if derr := dec.Decode(&body); derr != nil {
					return httpx.BadRequest{Err: mineaction.Invalid("body", "expected {\"reason\": \"...\"}")}
				}
			}
			rep, err = a.wf.Reject(ctx, c, id, rev, body.Reason)
		default:
			return mineaction.NotFoundf("no action %q", action)
		}
		if err != nil {
			return err
		}
		return a.writeReport(w, c, http.StatusOK, rep)
	}
}
