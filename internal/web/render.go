package web

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"math"
	"net/http"
	"net/url"
	"strings"
	"time"

	"mineaction/internal/auth"
	"mineaction/internal/demo"
	"mineaction/internal/httpx"
	"mineaction/internal/mineaction"
)

//go:embed templates/*.html
var templateFiles embed.FS

// pages holds one template set per page, each with the layout.
type pages struct {
	sets map[string]*template.Template
}

func mustPages(funcs template.FuncMap) *pages {
	p := &pages{sets: map[string]*template.Template{}}
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		panic(err)
	}
	for _, n := range names {
		base := strings.TrimPrefix(n, "templates/")
		if base == "layout.html" || strings.HasPrefix(base, "_") {
			continue
		}
		t := template.New(base).Funcs(funcs)
		t = template.Must(t.ParseFS(templateFiles, "templates/layout.html", "templates/_*.html", n))
		p.sets[strings.TrimSuffix(base, ".html")] = t
	}
	return p
}

// Page is what every page template gets: the layout's data and the page's own.
type Page struct {
	Title string
	// Nav is the navigation entry of the page, for aria-current.
	Nav    string
	Caller auth.Caller
	CSRF   string
	// Demo is set when the database is the synthetic demo.
	Demo   bool
	Notice string
	// Scripts are the logical names of the page's module scripts.
	Scripts []string
	// MapConfig is passed to the page's map script as JSON.
	MapConfig any
	Flash     string
	// Path is the request's path and query, for links back.
	Path string
	Data any
}

// Can reports what the caller may do, for the navigation.
func (p *Page) Can(action string) bool {
	c := p.Caller
	switch action {
	case "read":
		return auth.Allow(c, auth.ReadRecords, auth.Resource{})
	case "enter":
		return auth.Allow(c, auth.CreateReport, auth.Resource{Organisation: c.Organisation})
	case "review":
		return auth.Allow(c, auth.DecideReport, auth.Resource{})
	case "reports":
		return auth.Allow(c, auth.ReadReport, auth.Resource{Organisation: c.Organisation, CreatedBy: c.User})
	}
	return false
}

// newPage fills the layout's data for a request.
func (w *Web) newPage(r *http.Request, nav, title string) *Page {
	c := httpx.CallerOf(r)
	p := &Page{Title: title, Nav: nav, Caller: c, Path: r.URL.RequestURI()}
	if !c.Anonymous() {
		p.CSRF = w.csrf(r)
	}
	if w.isDemo(r.Context()) {
		p.Demo, p.Notice = true, demo.Notice
	}
	p.Flash = r.URL.Query().Get("done")
	return p
}

// csrf returns the CSRF token of the request's session ("" for callers
// with a bearer token, which need none).
func (w *Web) csrf(r *http.Request) string {
	ck, err := r.Cookie(w.cfg.SessionCookie)
	if err != nil {
		return ""
	}
	_, sess, err := w.cfg.Accounts.BySession(r.Context(), ck.Value)
	if err != nil {
		return ""
	}
	return sess.CSRF
}

// render writes a page with a status.
func (w *Web) render(rw http.ResponseWriter, status int, name string, p *Page) error {
	t, ok := w.pages.sets[name]
	if !ok {
		return fmt.Errorf("no template %q", name)
	}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, "layout", p); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	h := rw.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	rw.WriteHeader(status)
	_, err := rw.Write(b.Bytes())
	return err
}

// Page adapts a page handler: an error it returns is shown as an HTML
// page (the sign-in form for 401) with the status httpx maps its kind to.
func (w *Web) Page(f func(http.ResponseWriter, *http.Request) error) httpx.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) error {
		if err := f(rw, r); err != nil {
			w.renderError(rw, r, err)
		}
		return nil
	}
}

// errorData is the error page's data.
type errorData struct {
	Status int
	Title  string
	Detail string
	Fields []mineaction.FieldError
}

func (w *Web) renderError(rw http.ResponseWriter, r *http.Request, err error) {
	p := httpx.ProblemOf(err)
	if p.Status >= 500 {
		w.cfg.Log.ErrorContext(r.Context(), "page failed", "method", r.Method, "path", r.URL.Path, "error", err)
	} else {
		w.cfg.Log.DebugContext(r.Context(), "page refused", "method", r.Method, "path", r.URL.Path, "status", p.Status)
	}
	if p.Status == http.StatusUnauthorized {
		next := ""
		if r.Method == http.MethodGet {
			next = r.URL.RequestURI()
		}
		page := w.newPage(r, "sign-in", msgs.T("signin.title"))
		page.Caller = auth.Caller{}
		page.Data = signInData{Next: next, Error: signInMessage(p.Detail, r)}
		if rerr := w.render(rw, http.StatusUnauthorized, "signin", page); rerr != nil {
			w.cfg.Log.Error("render sign-in", "error", rerr)
		}
		return
	}
	page := w.newPage(r, "", msgs.F("error.title", p.Status))
	page.Data = errorData{Status: p.Status, Title: msgs.T(fmt.Sprintf("error.%d", p.Status)), Detail: p.Detail, Fields: p.Errors}
	if rerr := w.render(rw, p.Status, "error", page); rerr != nil {
		slog.Error("render error page", "error", rerr)
		http.Error(rw, http.StatusText(p.Status), p.Status)
	}
}

// signInMessage is what the sign-in page says about a refusal: nothing when
// the visitor simply is not signed in yet.
func signInMessage(detail string, r *http.Request) string {
	if r.Method == http.MethodPost && r.URL.Path == "/sign-in" {
		return detail
	}
	return ""
}

// need returns the error for a caller the policy refuses.
func need(c auth.Caller, a auth.Action, res auth.Resource, what string) error {
	if auth.Allow(c, a, res) {
		return nil
	}
	if c.Anonymous() {
		return &mineaction.Error{Kind: mineaction.KindUnauthorized, Msg: "sign in first"}
	}
	if why := auth.Why(c, a, res); why != "" {
		return mineaction.Forbiddenf("you may not %s: %s", what, why)
	}
	return mineaction.Forbiddenf("you may not %s", what)
}

// seeOther redirects after a successful form post.
func seeOther(rw http.ResponseWriter, r *http.Request, to string) error {
	http.Redirect(rw, r, to, http.StatusSeeOther)
	return nil
}

// msgs is the English catalogue; a request's language will pick another.
var msgs = loadCatalogue("en")

func (w *Web) funcs() template.FuncMap {
	return template.FuncMap{
		"t":         msgs.T,
		"tf":        msgs.F,
		"tn":        msgs.N,
		"enum":      msgs.enumLabel,
		"oneName":   func(t mineaction.RecordType) string { return msgs.T("one." + string(t)) },
		"typeName":  func(t mineaction.RecordType) string { return msgs.typeLabel(t) },
		"fieldName": msgs.fieldLabel,
		"asset":     w.assets.url,
		"preloads":  w.assets.preloads,
		"area":      formatArea,
		"ha":        func(m2 float64) string { return formatNumber(m2/10000, 1) },
		"num":       func(v any) string { return formatNumber(toFloat(v), 0) },
		"pct":       func(v float64) string { return formatNumber(100*v, 2) + " %" },
		"when":      formatTime,
		"query":     withQuery,
		"dict":      dict,
		"sortLink":  sortLink,
		"hasRole":   func(c auth.Caller, role string) bool { return c.Has(mineaction.Role(role)) },
	}
}

func toFloat(v any) float64 {
	switch n := v.(type) {
	case int:
		return float64(n)
	case int64:
		return float64(n)
	case float64:
		return n
	}
	return math.NaN()
}

// formatNumber writes v with digits decimals and thin thousands groups.
func formatNumber(v float64, digits int) string {
	if math.IsNaN(v) {
		return ""
	}
	s := fmt.Sprintf("%.*f", digits, math.Abs(v))
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if v < 0 && s != fmt.Sprintf("%.*f", digits, 0.0) {
		b.WriteByte('-')
	}
	for i, ch := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(",")
		}
		b.WriteRune(ch)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}

// formatArea shows square metres as m², hectares or km², as fits.
func formatArea(m2 float64) string {
	switch {
	case math.Abs(m2) >= 1e8:
		return formatNumber(m2/1e6, 1) + " km²"
	case math.Abs(m2) >= 1e4:
		return formatNumber(m2/1e4, 2) + " ha"
	}
	return formatNumber(m2, 0) + " m²"
}

func formatTime(v any) string {
	switch t := v.(type) {
	case time.Time:
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format("2006-01-02 15:04 UTC")
	case *time.Time:
		if t == nil {
			return ""
		}
		return t.UTC().Format("2006-01-02 15:04 UTC")
	}
	return fmt.Sprint(v)
}

// withQuery returns path with the query parameter key set to value (and
// paging reset).
func withQuery(path, key, value string) string {
	u, err := url.Parse(path)
	if err != nil {
		return path
	}
	q := u.Query()
	q.Del("after")
	q.Del("before")
	if value == "" {
		q.Del(key)
	} else {
		q.Set(key, value)
	}
	u.RawQuery = q.Encode()
	return u.String()
}

func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, errors.New("dict: odd number of arguments")
	}
	m := map[string]any{}
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, errors.New("dict: keys must be strings")
		}
		m[k] = kv[i+1]
	}
	return m, nil
}
