package sqlite

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"mineaction/internal/mineaction"
	"mineaction/internal/sqlstore"
)

// timeLayout is fixed-width so that stored times sort as text.
const timeLayout = "2006-01-02T15:04:05.000000Z"

func fmtTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func fmtTimePtr(t *time.Time) any {
	if t == nil {
		return nil
	}
	return fmtTime(*t)
}

func parseTime(s string) time.Time {
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		t, _ = time.Parse(time.RFC3339Nano, s)
	}
	return t
}

func parseTimePtr(s sql.NullString) *time.Time {
	if !s.Valid {
		return nil
	}
	t := parseTime(s.String)
	return &t
}

// The geometry column conversions both stores share.
var (
	wkb                 = sqlstore.WKB
	fromWKB             = sqlstore.FromWKB
	multiPolygonFromWKB = sqlstore.MultiPolygonFromWKB
	bboxArgs            = sqlstore.BBoxArgs
)

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// storeErr translates driver errors into the domain's sentinel errors.
func storeErr(what string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return &mineaction.Error{Kind: mineaction.KindNotFound, Msg: what + " not found"}
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "UNIQUE constraint failed"):
		return &mineaction.Error{Kind: mineaction.KindConflict, Msg: what + " already exists", Err: err}
	case strings.Contains(msg, "FOREIGN KEY constraint failed"):
		return &mineaction.Error{Kind: mineaction.KindConflict, Msg: what + ": still referenced, or refers to something that does not exist", Err: err}
	}
	return fmt.Errorf("%s: %w", what, err)
}

func rolesString(rs []mineaction.Role) string {
	s := make([]string, len(rs))
	for i, r := range rs {
		s[i] = string(r)
	}
	return strings.Join(s, ",")
}

func parseRoles(s string) []mineaction.Role {
	var out []mineaction.Role
	for _, p := range strings.Split(s, ",") {
		if p != "" {
			out = append(out, mineaction.Role(p))
		}
	}
	return out
}
