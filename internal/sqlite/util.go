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
	if t, ok := parseFixedTime(s); ok {
		return t
	}
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		t, _ = time.Parse(time.RFC3339Nano, s)
	}
	return t
}

// parseFixedTime reads a time written in timeLayout, as time.Parse does
// but without its generality: every record row has one.
func parseFixedTime(s string) (time.Time, bool) {
	if len(s) != len(timeLayout) || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
		s[19] != '.' || s[26] != 'Z' {
		return time.Time{}, false
	}
	num := func(i, j int) int {
		n := 0
		for ; i < j; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return -1
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	y, mo, d, h, mi, sec, us := num(0, 4), num(5, 7), num(8, 10), num(11, 13), num(14, 16), num(17, 19), num(20, 26)
	if y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59 || us < 0 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, h, mi, sec, us*1000, time.UTC)
	if t.Day() != d { // 31 April and the like: time.Parse refuses them
		return time.Time{}, false
	}
	return t, true
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
