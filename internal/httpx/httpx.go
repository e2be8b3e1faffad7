// Package httpx is what every HTTP handler of the server shares: handlers
// that return errors to one adapter, which maps them to RFC 9457 problem
// details in exactly one place; the authenticated caller in the request
// context; JSON reading and writing with limits; content negotiation.
package httpx

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"

	"mineaction/internal/auth"
	"mineaction/internal/mineaction"
)

// HandlerFunc is an HTTP handler that returns an error instead of writing
// one.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// ServeHTTP calls f and writes its error, if any, as problem details.
func (f HandlerFunc) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := f(w, r); err != nil {
		WriteError(w, r, err)
	}
}

// Problem is an RFC 9457 problem details object.
type Problem struct {
	Type     string                  `json:"type"`
	Title    string                  `json:"title"`
	Status   int                     `json:"status"`
	Detail   string                  `json:"detail,omitempty"`
	Instance string                  `json:"instance,omitempty"`
	Errors   []mineaction.FieldError `json:"errors,omitempty"`
}

// Status maps an error kind to its HTTP status. It is the only place that
// does.
func Status(k mineaction.Kind) int {
	switch k {
	case mineaction.KindInvalid:
		return http.StatusUnprocessableEntity
	case mineaction.KindNotFound:
		return http.StatusNotFound
	case mineaction.KindConflict:
		return http.StatusConflict
	case mineaction.KindPrecondition:
		return http.StatusPreconditionFailed
	case mineaction.KindForbidden:
		return http.StatusForbidden
	case mineaction.KindUnauthorized:
		return http.StatusUnauthorized
	case mineaction.KindTooLarge:
		return http.StatusRequestEntityTooLarge
	case mineaction.KindTooMany:
		return http.StatusTooManyRequests
	case mineaction.KindUnavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// BadRequest is an invalid request that is not about a record's fields (an
// unknown query parameter, malformed JSON): 400 rather than 422.
type BadRequest struct{ Err error }

func (b BadRequest) Error() string { return b.Err.Error() }
func (b BadRequest) Unwrap() error { return b.Err }

// ProblemOf returns the problem details for err, safe to show a client:
// internal errors say nothing of their cause.
func ProblemOf(err error) Problem {
	var e *mineaction.Error
	if !errors.As(err, &e) {
		return Problem{Type: "about:blank", Title: "Internal server error", Status: 500,
			Detail: "something went wrong on the server; the error was logged"}
	}
	status := Status(e.Kind)
	var br BadRequest
	if errors.As(err, &br) && status == http.StatusUnprocessableEntity {
		status = http.StatusBadRequest
	}
	p := Problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: e.Msg, Errors: e.Fields}
	if e.Kind == mineaction.KindUnavailable {
		slog.Warn("request timed out", "error", e.Err)
	}
	if e.Kind == mineaction.KindInternal {
		p.Detail = "something went wrong on the server; the error was logged"
		p.Errors = nil
	}
	return p
}

// WriteError logs err (with its cause, for internal errors) and writes it
// as problem details.
func WriteError(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(r.Context().Err(), context.Canceled) && errors.Is(err, context.Canceled) {
		// The client went away: nobody is reading. Note it quietly (499,
		// as nginx logs it) instead of as a server failure.
		slog.DebugContext(r.Context(), "request abandoned", "method", r.Method, "path", r.URL.Path)
		w.WriteHeader(StatusClientClosed)
		return
	}
	if errors.Is(r.Context().Err(), context.DeadlineExceeded) && errors.Is(err, context.DeadlineExceeded) {
		err = &mineaction.Error{Kind: mineaction.KindUnavailable, Msg: "the request took longer than the server's time limit", Err: err}
	}
	p := ProblemOf(err)
	p.Instance = r.URL.Path
	if p.Status >= 500 {
		slog.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path, "error", err)
	} else {
		// Client errors are logged without their detail: details may quote
		// input, and input may hold personal data.
		slog.DebugContext(r.Context(), "request refused", "method", r.Method, "path", r.URL.Path, "status", p.Status)
	}
	if p.Status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="mineaction"`)
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(p.Status)
	json.NewEncoder(w).Encode(p)
}

// WriteJSON writes v as JSON with the given status and content type
// (application/json if empty).
func WriteJSON(w http.ResponseWriter, status int, contentType string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode response: %w", err)
	}
	if contentType == "" {
		contentType = "application/json"
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	_, err = w.Write(append(b, '\n'))
	return err
}

// StatusClientClosed is the status logged for a request whose client went
// away before the answer (nginx's 499).
const StatusClientClosed = 499

// MaxBody is the largest request body accepted, unless a handler says
// otherwise.
const MaxBody = 8 << 20

// ReadBody reads a request body up to limit bytes, returning a KindTooLarge
// error beyond it.
func ReadBody(r *http.Request, limit int64) ([]byte, error) {
	if limit <= 0 {
		limit = MaxBody
	}
	b, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, limit))
	if err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			return nil, &mineaction.Error{Kind: mineaction.KindTooLarge, Msg: fmt.Sprintf("the request body is over the limit of %d bytes", limit)}
		}
		return nil, BadRequest{mineaction.Invalid("body", "could not be read")}
	}
	return b, nil
}

// RequireJSON refuses a request body that is not declared as JSON.
func RequireJSON(r *http.Request) error {
	ct := r.Header.Get("Content-Type")
	mt, _, _ := strings.Cut(ct, ";")
	switch strings.TrimSpace(strings.ToLower(mt)) {
	case "application/json", "application/geo+json", "application/merge-patch+json":
		return nil
	}
	return &mineaction.Error{Kind: mineaction.KindInvalid, Msg: "unsupported media type",
		Fields: []mineaction.FieldError{{Field: "Content-Type", Reason: "must be application/json"}}}
}

type callerKey struct{}

// WithCaller returns a context carrying the authenticated caller.
func WithCaller(ctx context.Context, c auth.Caller) context.Context {
	return context.WithValue(ctx, callerKey{}, c)
}

// CallerOf returns the caller of a request (anonymous if none).
func CallerOf(r *http.Request) auth.Caller {
	c, _ := r.Context().Value(callerKey{}).(auth.Caller)
	return c
}
