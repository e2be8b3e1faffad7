package postgres

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"mineaction/internal/mineaction"
	"mineaction/internal/sqlstore"
)

// scanner is a row or rows.
type scanner interface{ Scan(...any) error }

// geomIn turns a WKB parameter into a geometry; geomOut reads one back as
// little-endian WKB, so that coordinates round-trip to the bit.
const geomOut = "ST_AsBinary(%s, 'NDR')"

func geomCol(col string) string { return fmt.Sprintf(geomOut, col) }

// geomIn is the SQL of a geometry parameter.
func geomIn(param string) string { return "ST_GeomFromWKB(" + param + "::bytea, 4326)" }

// The geometry column conversions both stores share.
var (
	wkb                 = sqlstore.WKB
	fromWKB             = sqlstore.FromWKB
	multiPolygonFromWKB = sqlstore.MultiPolygonFromWKB
	bboxArgs            = sqlstore.BBoxArgs
)

// dateCol reads a date column as YYYY-MM-DD, or "" for NULL.
func dateCol(col string) string { return "COALESCE(to_char(" + col + ", 'YYYY-MM-DD'), '')" }

// dateArg is a Date parameter: NULL for the empty date.
func dateArg(d mineaction.Date) any {
	if d == "" {
		return nil
	}
	return string(d)
}

// utc returns t in UTC (pgx returns times in the local zone).
func utc(t time.Time) time.Time { return t.UTC() }

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

func timeArg(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

func timePtrArg(t *time.Time) any {
	if t == nil {
		return nil
	}
	return timeArg(*t)
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// PostgreSQL error codes the store translates.
const (
	codeUniqueViolation     = "23505"
	codeForeignKeyViolation = "23503"
	codeNotNullViolation    = "23502"
	codeSerialization       = "40001"
	codeDeadlock            = "40P01"
)

// retryable reports whether err aborted a transaction that may succeed if
// run again: the server broke a deadlock, or could not serialise it.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == codeDeadlock || pe.Code == codeSerialization)
}

// backoff waits a short, random while before the attempt-th re-run of a
// transaction, growing with attempt, so that transactions that deadlocked
// do not meet again in step.
func backoff(ctx context.Context, attempt int) error {
	d := time.Duration(1+rand.IntN(4<<min(attempt, 6))) * time.Millisecond
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("retry a transaction: %w", ctx.Err())
	}
}

// storeErr translates driver errors into the domain's sentinel errors.
func storeErr(what string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return &mineaction.Error{Kind: mineaction.KindNotFound, Msg: what + " not found"}
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case codeUniqueViolation:
			return &mineaction.Error{Kind: mineaction.KindConflict, Msg: what + " already exists", Err: err}
		case codeForeignKeyViolation:
			return &mineaction.Error{Kind: mineaction.KindConflict, Msg: what + ": still referenced, or refers to something that does not exist", Err: err}
		case codeNotNullViolation:
			// A reference by code that found nothing (SQLite reports these
			// as NOT NULL failures too, as internal errors).
			return fmt.Errorf("%s: %w", what, err)
		}
	}
	return fmt.Errorf("%s: %w", what, err)
}

func rolesArg(rs []mineaction.Role) []string {
	s := make([]string, 0, len(rs))
	for _, r := range rs {
		s = append(s, string(r))
	}
	return s
}

func parseRoles(s []string) []mineaction.Role {
	var out []mineaction.Role
	for _, p := range s {
		if p != "" {
			out = append(out, mineaction.Role(p))
		}
	}
	return out
}
