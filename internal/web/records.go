package web

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"mineaction/internal/auth"
	"mineaction/internal/httpx"
	"mineaction/internal/mineaction"
)

// pageSize is the number of rows of a list page.
const pageSize = 50

// maxSorted bounds the records a list sorts in memory (any sort other than
// by id); beyond it the list asks for a narrower filter.
const maxSorted = 20000

// listRow is one row of a record list.
type listRow struct {
	HID   string
	Cells []string
}

// listData is the record list page's data.
type listData struct {
	Type          mineaction.RecordType
	Types         []mineaction.RecordType
	Columns       []column
	Rows          []listRow
	Total         int
	Sort          string
	Desc          bool
	Statuses      *mineaction.Enum
	Organisations []*mineaction.Organisation
	Filter        map[string]string
	Offset        int
	Prev, Next    string
	TooMany       bool
}

// Records handles GET /records?type=&status=&organisation=&from=&to=&sort=&offset=:
// the current records of one type, filtered and sorted.
func (w *Web) Records(rw http.ResponseWriter, r *http.Request) error {
	c := httpx.CallerOf(r)
	if err := need(c, auth.ReadRecords, auth.Resource{}, "read records"); err != nil {
		return err
	}
	q := r.URL.Query()
	if hid := strings.ToUpper(strings.TrimSpace(q.Get("hid"))); hid != "" {
		return seeOther(rw, r, "/records/"+hid)
	}
	t := mineaction.RecordType(q.Get("type"))
	if t == "" {
		t = mineaction.TypeHazard
	}
	if !t.Valid() {
		return httpx.BadRequest{Err: mineaction.Invalid("type", "unknown record type %q", t)}
	}
	if err := needRead(c, t); err != nil {
		return err
	}
	var types []mineaction.RecordType
	for _, rt := range mineaction.RecordTypes {
		if auth.MayRead(c, rt) {
			types = append(types, rt)
		}
	}
	d := listData{Type: t, Types: types, Columns: columns[t], Statuses: statusEnums[t],
		Filter: map[string]string{}}
	rq := mineaction.RecordQuery{Type: t, WithFigures: t == mineaction.TypeHazard}
	for _, k := range []string{"status", "organisation", "from", "to"} {
		d.Filter[k] = q.Get(k)
	}
	if s := q.Get("status"); s != "" {
		rq.Status = []string{s}
	}
	rq.Organisation = q.Get("organisation")
	for k, dst := range map[string]*mineaction.Date{"from": &rq.DateFrom, "to": &rq.DateTo} {
		if v := q.Get(k); v != "" {
			if !mineaction.Date(v).Valid() {
				return httpx.BadRequest{Err: mineaction.Invalid(k, "%q is not a date YYYY-MM-DD", v)}
			}
			*dst = mineaction.Date(v)
		}
	}
	d.Sort = q.Get("sort")
	d.Desc = strings.HasPrefix(d.Sort, "-")
	key := strings.TrimPrefix(d.Sort, "-")
	var sortCol *column
	for i := range d.Columns {
		if d.Columns[i].Key == key && d.Columns[i].Sort != nil && key != "hid" {
			sortCol = &d.Columns[i]
		}
	}
	d.Offset, _ = strconv.Atoi(q.Get("offset"))
	d.Offset = max(d.Offset, 0)
	ctx := r.Context()
	var recs []*mineaction.RecordState
	err := w.store.View(ctx, func(tx mineaction.Tx) error {
		var err error
		if d.Organisations, err = tx.Organisations(ctx); err != nil {
			return err
		}
		if d.Total, err = tx.CountRecords(ctx, rq); err != nil {
			return err
		}
		if sortCol == nil && !d.Desc {
			// Id order: keyset paging from the offset's row.
			rq.Limit = pageSize
			if d.Offset > 0 {
				rq.Limit = d.Offset + pageSize
			}
			recs, err = tx.Records(ctx, rq)
			if d.Offset < len(recs) {
				recs = recs[d.Offset:]
			} else {
				recs = nil
			}
			return err
		}
		if d.Total > maxSorted {
			d.TooMany = true
			rq.Limit = pageSize
			recs, err = tx.Records(ctx, rq)
			return err
		}
		recs, err = tx.Records(ctx, rq)
		return err
	})
	if err != nil {
		return err
	}
	props := make([]map[string]any, len(recs))
	for i, rec := range recs {
		props[i] = decodeProps(w.view(c, rec.Type, rec.Organisation, rec.Properties))
	}
	if !d.TooMany && (sortCol != nil || d.Desc) {
		idx := make([]int, len(recs))
		for i := range idx {
			idx[i] = i
		}
		slices.SortStableFunc(idx, func(a, b int) int {
			n := 0
			if sortCol != nil {
				n = less(sortCol.Sort(recs[a], props[a]), sortCol.Sort(recs[b], props[b]))
			} else {
				n = strings.Compare(recs[a].HID, recs[b].HID)
			}
			if d.Desc {
				n = -n
			}
			return n
		})
		end := min(d.Offset+pageSize, len(idx))
		if d.Offset > end {
			d.Offset = end
		}
		idx = idx[d.Offset:end]
		rs, ps := make([]*mineaction.RecordState, len(idx)), make([]map[string]any, len(idx))
		for i, j := range idx {
			rs[i], ps[i] = recs[j], props[j]
		}
		recs, props = rs, ps
	}
	for i, rec := range recs {
		row := listRow{HID: rec.HID}
		for _, col := range d.Columns {
			row.Cells = append(row.Cells, col.Value(rec, props[i]))
		}
		d.Rows = append(d.Rows, row)
	}
	if d.Offset > 0 {
		d.Prev = withQuery(r.URL.RequestURI(), "offset", strconv.Itoa(max(d.Offset-pageSize, 0)))
	}
	if d.Offset+pageSize < d.Total && !d.TooMany {
		d.Next = withQuery(r.URL.RequestURI(), "offset", strconv.Itoa(d.Offset+pageSize))
	}
	p := w.newPage(r, "records", msgs.typeLabel(t))
	p.Data = d
	return w.render(rw, http.StatusOK, "records", p)
}

// view returns a record's properties as the caller may see them: victims'
// personal data removed unless the policy allows it, and an accident's
// victims as numbers to a caller who may not read victims.
func (w *Web) view(c auth.Caller, t mineaction.RecordType, org string, props json.RawMessage) json.RawMessage {
	return auth.PropertiesFor(c, t, auth.RecordProperties(c, t, org, props), w.cfg.GeneraliseDeg)
}

// needRead refuses, as other forbidden reads are refused (403), records of
// a type the caller may not read: victims, to a viewer.
func needRead(c auth.Caller, t mineaction.RecordType) error {
	if auth.MayRead(c, t) {
		return nil
	}
	return need(c, auth.ReadVictims, auth.Resource{}, "read "+string(t)+" records")
}

func decodeProps(b json.RawMessage) map[string]any {
	m := map[string]any{}
	json.Unmarshal(b, &m)
	return m
}

// sortLink returns the list URL sorted by key (toggling the direction when
// already sorted by it).
func sortLink(path, current, key string) string {
	next := key
	if current == key {
		next = "-" + key
	}
	return withQuery(path, "sort", next)
}
