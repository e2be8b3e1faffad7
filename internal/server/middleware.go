package server

import (
	"context"
	"crypto/subtle"
	"fmt"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"mineaction/internal/auth"
	"mineaction/internal/httpx"
	"mineaction/internal/mineaction"
)

// SessionCookie is the name of the session cookie.
const SessionCookie = "mineaction_session"

// statusWriter records the status code a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// middleware wraps the routes: recovery, security headers, cross-origin
// headers (a preflight is answered there), time limit, authentication,
// logging and metrics, in that order from the outside in.
func (s *Server) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.cfg.Log.Error("panic", "path", r.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				if sw.status == 0 {
					httpx.WriteError(sw, r, fmt.Errorf("panic: %v", v))
				}
			}
			status := sw.status
			if status == 0 {
				status = http.StatusOK
			}
			pattern := r.Pattern
			if pattern == "" {
				pattern = "unmatched"
			}
			d := time.Since(start)
			s.metrics.observe(pattern, status, d)
			s.cfg.Log.Info("request", "method", r.Method, "path", r.URL.Path, "status", status,
				"ms", float64(d.Microseconds())/1000, "bytes", sw.bytes, "user", httpx.CallerOf(r).User)
		}()
		s.securityHeaders(sw.Header())
		if s.cors(sw, r) {
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), s.cfg.RequestTimeout)
		defer cancel()
		r = r.WithContext(ctx)
		c, err := s.authenticate(r)
		if err != nil {
			httpx.WriteError(sw, r, err)
			return
		}
		r = r.WithContext(httpx.WithCaller(r.Context(), c))
		next.ServeHTTP(sw, r)
	})
}

// securityHeaders sets the headers every response carries. The content
// security policy allows no inline script and nothing from another origin:
// the application works offline.
func (s *Server) securityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "+
		"worker-src 'self' blob:; child-src blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "+
		"form-action 'self'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	if s.cfg.TLS {
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
}

// authenticate finds the caller: a bearer token, or a session cookie. A
// state-changing request authenticated by cookie must carry the session's
// CSRF token (header X-CSRF-Token or form field csrf_token).
func (s *Server) authenticate(r *http.Request) (auth.Caller, error) {
	ctx := r.Context()
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, token, ok := strings.Cut(h, " ")
		if ok && strings.EqualFold(scheme, "Bearer") {
			return s.cfg.Accounts.ByToken(ctx, strings.TrimSpace(token))
		}
		if user, pass, ok := r.BasicAuth(); ok {
			return s.basicToken(r, user, pass)
		}
		return auth.Caller{}, &mineaction.Error{Kind: mineaction.KindUnauthorized,
			Msg: "use Authorization: Bearer TOKEN (or HTTP Basic with the user name and a token as the password)"}
	}
	cookie, err := r.Cookie(SessionCookie)
	if err != nil || cookie.Value == "" {
		return auth.Caller{}, nil
	}
	c, sess, err := s.cfg.Accounts.BySession(ctx, cookie.Value)
	if err != nil {
		// A stale cookie is the same as none: the route decides.
		return auth.Caller{}, nil
	}
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
	default:
		token := r.Header.Get("X-CSRF-Token")
		if token == "" && strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
			token = r.PostFormValue("csrf_token")
		}
		if subtle.ConstantTimeCompare([]byte(token), []byte(sess.CSRF)) != 1 {
			return auth.Caller{}, mineaction.Forbiddenf("the form is missing its CSRF token or it is stale; reload the page")
		}
	}
	return withSession(c, sess), nil
}

// basicToken accepts HTTP Basic authentication whose password is an API
// token of the named user, for GIS clients that cannot send a bearer token
// (QGIS before 3.24 offers only Basic). An account's password is never
// accepted here: sign-in with a password goes through the sign-in form,
// where attempts are slowed and counted.
func (s *Server) basicToken(r *http.Request, user, pass string) (auth.Caller, error) {
	c, err := s.cfg.Accounts.ByToken(r.Context(), pass)
	if err != nil {
		return auth.Caller{}, err
	}
	if subtle.ConstantTimeCompare([]byte(user), []byte(c.User)) != 1 {
		return auth.Caller{}, &mineaction.Error{Kind: mineaction.KindUnauthorized, Msg: "the token is not one of this user's"}
	}
	return c, nil
}

// clientAddr returns the client's address, from X-Forwarded-For when the
// server is configured to trust its proxy.
func (s *Server) clientAddr(r *http.Request) string {
	if s.cfg.TrustProxy {
		if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
			first, _, _ := strings.Cut(xff, ",")
			return strings.TrimSpace(first)
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// secure reports whether the client reached the server over HTTPS.
func (s *Server) secure(r *http.Request) bool {
	if r.TLS != nil {
		return true
	}
	return s.cfg.TrustProxy && strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}
