package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"mineaction/internal/auth"
	"mineaction/internal/geo"
	"mineaction/internal/httpx"
	"mineaction/internal/mineaction"
)

// PutReference handles PUT /api/v1/reference/{kind}/{code}: an
// administrator adds or changes one entry of the reference data
// (organisations with their teams, ordnance, admin areas, places). Each
// change is an audit entry. Reports that were waiting on an unknown
// reference (an import issue) can be approved once it exists.
func (a *API) PutReference(w http.ResponseWriter, r *http.Request) error {
	if err := checkParams(r); err != nil {
		return err
	}
	c := httpx.CallerOf(r)
	if !auth.Allow(c, auth.ManageReference, auth.Resource{}) {
		return deny(c, "change reference data")
	}
	if err := httpx.RequireJSON(r); err != nil {
		return err
	}
	body, err := httpx.ReadBody(r, 32<<20)
	if err != nil {
		return err
	}
	kind, code := r.PathValue("kind"), r.PathValue("code")
	if err := checkCode(code); err != nil {
		return err
	}
	decode := func(v any) error {
		dec := json.NewDecoder(bytesReader(body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(v); err != nil {
			return httpx.BadRequest{Err: mineaction.Invalid("body", "%v", strings.TrimPrefix(err.Error(), "json: "))}
		}
		return nil
	}
	var put func(tx mineaction.Tx) error
	switch kind {
	case "organisations":
		var o mineaction.Organisation
		if err := decode(&o); err != nil {
			return err
		}
		o.Code = code
		var fe mineaction.FieldErrors
		if strings.TrimSpace(o.Name) == "" {
			fe.Add("name", "required")
		}
		if !mineaction.OrganisationKind.Has(o.Kind) {
			fe.Add("kind", "one of %s", strings.Join(mineaction.OrganisationKind.Codes(), ", "))
		}
		for i, t := range o.Teams {
			if checkCode(t.Code) != nil || strings.TrimSpace(t.Name) == "" {
				fe.Add("teams["+itoa(i)+"]", "a team needs a code (letters, digits, - and _) and a name")
			}
			if t.Method != "" && !mineaction.Method.Has(t.Method) {
				fe.Add("teams["+itoa(i)+"].method", "one of %s", strings.Join(mineaction.Method.Codes(), ", "))
			}
		}
		if err := fe.Err("the organisation is not valid"); err != nil {
			return err
		}
		put = func(tx mineaction.Tx) error {
			if err := tx.PutOrganisation(r.Context(), &o); err != nil {
				return err
			}
			for _, t := range o.Teams {
				t.Organisation = code
				if err := tx.PutTeam(r.Context(), &t); err != nil {
					return err
				}
			}
			return nil
		}
	case "ordnance":
		var o mineaction.Ordnance
		if err := decode(&o); err != nil {
			return err
		}
		o.Code = code
		if o.Category == "" || o.Subcategory == "" || o.Model == "" {
			return mineaction.Invalid("category", "category, subcategory and model are required")
		}
		put = func(tx mineaction.Tx) error { return tx.PutOrdnance(r.Context(), &o) }
	case "admin-areas":
		var in struct {
			mineaction.AdminArea
			Geometry json.RawMessage `json:"geometry"`
		}
		if err := decode(&in); err != nil {
			return err
		}
		g, err := geo.ParseGeoJSON(in.Geometry)
		if err != nil {
			return mineaction.Invalid("geometry", "%v", err)
		}
		if problems := geo.Validate(g); len(problems) > 0 {
			return mineaction.Invalid("geometry", "%s", problems[0])
		}
		a := in.AdminArea
		a.Code, a.Geometry = code, geo.Polygons(geo.Normalize(g))
		if a.Geometry == nil || strings.TrimSpace(a.Name) == "" || a.Level < 1 {
			return mineaction.Invalid("geometry", "an admin area needs a name, a level from 1, and a Polygon or MultiPolygon")
		}
		a.AreaM2 = geo.Area(a.Geometry)
		put = func(tx mineaction.Tx) error { return tx.PutAdminArea(r.Context(), &a) }
	default:
		return mineaction.NotFoundf("reference data %q cannot be changed here; one of organisations, ordnance, admin-areas", kind)
	}
	err = a.store.Update(r.Context(), func(tx mineaction.Tx) error {
		if err := put(tx); err != nil {
			return err
		}
		return mineaction.AppendAudit(r.Context(), tx, &mineaction.AuditEntry{At: a.now().UTC().Truncate(time.Microsecond),
			Actor: c.User, Action: mineaction.AuditReference, Detail: kind + " " + code})
	})
	if err != nil {
		return err
	}
	a.wf.ForgetReference()
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func checkCode(code string) error {
	if code == "" || len(code) > 64 {
		return mineaction.Invalid("code", "1 to 64 characters")
	}
	for _, r := range code {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return mineaction.Invalid("code", "letters, digits, '-', '_' and '.' only")
		}
	}
	return nil
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}
