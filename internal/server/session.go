package server

import (
	"encoding/json"
	"net/http"

	"mineaction/internal/auth"
	"mineaction/internal/httpx"
	"mineaction/internal/mineaction"
)

// withSession is where a session-authenticated caller would carry session
// data; the caller itself is enough for now.
func withSession(c auth.Caller, _ *mineaction.Session) auth.Caller { return c }

// signIn handles POST /api/v1/session with {"user": ..., "password": ...}:
// it sets a new session cookie and returns the CSRF token.
func (s *Server) signIn(w http.ResponseWriter, r *http.Request) error {
	body, err := httpx.ReadBody(r, 16<<10)
	if err != nil {
		return err
	}
	var in struct {
		User     string `json:"user"`
		Password string `json:"password"`
	}
	if err := json.Unmarshal(body, &in); err != nil {
		return httpx.BadRequest{Err: mineaction.Invalid("body", "expected {\"user\": ..., \"password\": ...}")}
	}
	secret, sess, err := s.cfg.Accounts.SignIn(r.Context(), in.User, in.Password, s.clientAddr(r))
	if err != nil {
		return err
	}
	s.setSessionCookie(w, r, secret, sess)
	return httpx.WriteJSON(w, http.StatusOK, "", map[string]string{"user": sess.User, "csrf_token": sess.CSRF})
}

func (s *Server) setSessionCookie(w http.ResponseWriter, r *http.Request, secret string, sess *mineaction.Session) {
	// MaxAge rather than Expires: the browser's clock is not ours. The
	// server ends the session on idle and at its maximum age regardless.
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: secret, Path: "/", HttpOnly: true,
		Secure: s.secure(r), SameSite: http.SameSiteLaxMode, MaxAge: 12 * 3600})
}

// signOut handles DELETE /api/v1/session.
func (s *Server) signOut(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(SessionCookie); err == nil {
		if err := s.cfg.Accounts.SignOut(r.Context(), c.Value); err != nil {
			return err
		}
	}
	s.clearSessionCookie(w, r)
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// clearSessionCookie tells the browser to drop the session cookie.
func (s *Server) clearSessionCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", HttpOnly: true, MaxAge: -1,
		Secure: s.secure(r), SameSite: http.SameSiteLaxMode})
}
