package web

import (
	"net/http"
	"strings"

	"mineaction/internal/auth"
	"mineaction/internal/httpx"
)

// signInData is the sign-in form's data.
type signInData struct {
	Next, User, Error string
}

// SignInPage handles GET /sign-in.
func (w *Web) SignInPage(rw http.ResponseWriter, r *http.Request) error {
	p := w.newPage(r, "sign-in", msgs.T("signin.title"))
	p.Caller = auth.Caller{}
	p.Data = signInData{Next: safeNext(r.URL.Query().Get("next"))}
	return w.render(rw, http.StatusOK, "signin", p)
}

// SignIn handles POST /sign-in: the same auth.Service.SignIn and session
// cookie as POST /api/v1/session, then back to where the visitor was going.
func (w *Web) SignIn(rw http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(rw, r.Body, 16<<10)
	user, password := strings.TrimSpace(r.PostFormValue("user")), r.PostFormValue("password")
	next := safeNext(r.PostFormValue("next"))
	secret, sess, err := w.cfg.Accounts.SignIn(r.Context(), user, password, w.cfg.ClientAddr(r))
	if err != nil {
		p := w.newPage(r, "sign-in", msgs.T("signin.title"))
		p.Caller = auth.Caller{}
		p.Data = signInData{Next: next, User: user, Error: httpx.ProblemOf(err).Detail}
		return w.render(rw, httpx.ProblemOf(err).Status, "signin", p)
	}
	w.cfg.SetSessionCookie(rw, r, secret, sess)
	return seeOther(rw, r, next)
}

// SignOut handles POST /sign-out (with the CSRF token, checked by the
// server's middleware).
func (w *Web) SignOut(rw http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(w.cfg.SessionCookie); err == nil {
		if err := w.cfg.Accounts.SignOut(r.Context(), c.Value); err != nil {
			return err
		}
	}
	w.cfg.ClearSessionCookie(rw, r)
	return seeOther(rw, r, "/sign-in")
}

// safeNext keeps a redirect target on this site: a path, never a URL to
// another host.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}
