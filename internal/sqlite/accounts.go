package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"mineaction/internal/mineaction"
)

const userCols = "u.id, u.name, COALESCE(o.code, ''), u.roles, u.password_hash, u.created_at, u.disabled"
const userFrom = " FROM users u LEFT JOIN organisations o ON o.id = u.org_id"

func scanUser(sc interface{ Scan(...any) error }) (*mineaction.User, error) {
	var u mineaction.User
	dest, finish := userDest(&u)
	if err := sc.Scan(dest...); err != nil {
		return nil, err
	}
	finish()
	return &u, nil
}

// userDest returns the scan destinations of userCols and a function that
// completes u from them once scanned.
func userDest(u *mineaction.User) ([]any, func()) {
	var roles, created string
	return []any{&u.ID, &u.Name, &u.Organisation, &roles, &u.PasswordHash, &created, &u.Disabled}, func() {
		u.Roles = parseRoles(roles)
		u.CreatedAt = parseTime(created)
	}
}

func (t *txn) User(ctx context.Context, name string) (*mineaction.User, error) {
	u, err := scanUser(t.queryRow(ctx, "SELECT "+userCols+userFrom+" WHERE u.name = ?", name))
	if err != nil {
		return nil, storeErr("user "+name, err)
	}
	return u, nil
}

func (t *txn) Users(ctx context.Context) ([]*mineaction.User, error) {
	rows, err := t.query(ctx, "SELECT "+userCols+userFrom+" ORDER BY u.name")
	if err != nil {
		return nil, storeErr("users", err)
	}
	defer rows.Close()
	var out []*mineaction.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

func (t *txn) PutUser(ctx context.Context, u *mineaction.User) error {
	var org any
	if u.Organisation != "" {
		org = u.Organisation
	}
	err := t.queryRow(ctx, `INSERT INTO users (name, org_id, roles, password_hash, created_at, disabled)
		VALUES (?, (SELECT id FROM organisations WHERE code = ?), ?, ?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET org_id = excluded.org_id, roles = excluded.roles,
		password_hash = excluded.password_hash, disabled = excluded.disabled RETURNING id`,
		u.Name, org, rolesString(u.Roles), u.PasswordHash, fmtTime(u.CreatedAt), b2i(u.Disabled)).Scan(&u.ID)
	if err != nil {
		return storeErr("user "+u.Name, err)
	}
	if org != nil {
		var ok bool
		if err := t.queryRow(ctx, "SELECT org_id IS NOT NULL FROM users WHERE id = ?", u.ID).Scan(&ok); err != nil || !ok {
			return mineaction.Invalid("org", "unknown organisation %q", u.Organisation)
		}
	}
	return nil
}

const tokenCols = "t.id, u.name, t.name, t.hash, t.roles, t.created_at, t.expires_at, t.revoked_at"

func scanToken(sc interface{ Scan(...any) error }) (*mineaction.Token, error) {
	var tk mineaction.Token
	dest, finish := tokenDest(&tk)
	if err := sc.Scan(dest...); err != nil {
		return nil, err
	}
	finish()
	return &tk, nil
}

// tokenDest returns the scan destinations of tokenCols and a function that
// completes tk from them once scanned.
func tokenDest(tk *mineaction.Token) ([]any, func()) {
	var roles, created string
	var expires, revoked sql.NullString
	return []any{&tk.ID, &tk.User, &tk.Name, &tk.Hash, &roles, &created, &expires, &revoked}, func() {
		tk.Roles = parseRoles(roles)
		tk.CreatedAt = parseTime(created)
		tk.ExpiresAt, tk.RevokedAt = parseTimePtr(expires), parseTimePtr(revoked)
	}
}

func (t *txn) TokenByHash(ctx context.Context, hash string) (*mineaction.Token, error) {
	tk, err := scanToken(t.queryRow(ctx, "SELECT "+tokenCols+" FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.hash = ?", hash))
	if err != nil {
		return nil, storeErr("token", err)
	}
	return tk, nil
}

func (t *txn) Tokens(ctx context.Context, user string) ([]*mineaction.Token, error) {
	rows, err := t.query(ctx, "SELECT "+tokenCols+" FROM tokens t JOIN users u ON u.id = t.user_id WHERE u.name = ? ORDER BY t.id", user)
	if err != nil {
		return nil, storeErr("tokens", err)
	}
	defer rows.Close()
	var out []*mineaction.Token
	for rows.Next() {
		tk, err := scanToken(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, tk)
	}
	return out, rows.Err()
}

func (t *txn) InsertToken(ctx context.Context, tk *mineaction.Token) error {
	err := t.queryRow(ctx, `INSERT INTO tokens (user_id, name, hash, roles, created_at, expires_at, revoked_at)
		VALUES ((SELECT id FROM users WHERE name = ?), ?, ?, ?, ?, ?, ?) RETURNING id`,
		tk.User, tk.Name, tk.Hash, rolesString(tk.Roles), fmtTime(tk.CreatedAt), fmtTimePtr(tk.ExpiresAt), fmtTimePtr(tk.RevokedAt)).Scan(&tk.ID)
	return storeErr("token", err)
}

func (t *txn) RevokeToken(ctx context.Context, id int64, at time.Time) error {
	res, err := t.exec(ctx, "UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", fmtTime(at), id)
	if err != nil {
		return storeErr("token", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return storeErr(fmt.Sprintf("token %d", id), sql.ErrNoRows)
	}
	return nil
}

func (t *txn) Session(ctx context.Context, hash string) (*mineaction.Session, error) {
	var s mineaction.Session
	var created, seen, expires string
	err := t.queryRow(ctx, `SELECT s.hash, u.name, s.csrf, s.created_at, s.last_seen, s.expires_at
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.hash = ?`, hash).
		Scan(&s.Hash, &s.User, &s.CSRF, &created, &seen, &expires)
	if err != nil {
		return nil, storeErr("session", err)
	}
	s.CreatedAt, s.LastSeen, s.ExpiresAt = parseTime(created), parseTime(seen), parseTime(expires)
	return &s, nil
}

func (t *txn) PutSession(ctx context.Context, s *mineaction.Session) error {
	_, err := t.exec(ctx, `INSERT INTO sessions (hash, user_id, csrf, created_at, last_seen, expires_at)
		VALUES (?, (SELECT id FROM users WHERE name = ?), ?, ?, ?, ?)
		ON CONFLICT (hash) DO UPDATE SET last_seen = excluded.last_seen, expires_at = excluded.expires_at`,
		s.Hash, s.User, s.CSRF, fmtTime(s.CreatedAt), fmtTime(s.LastSeen), fmtTime(s.ExpiresAt))
	return storeErr("session", err)
}

func (t *txn) DeleteSession(ctx context.Context, hash string) error {
	_, err := t.exec(ctx, "DELETE FROM sessions WHERE hash = ?", hash)
	return storeErr("session", err)
}

func (t *txn) DeleteSessionsBefore(ctx context.Context, at time.Time) error {
	_, err := t.exec(ctx, "DELETE FROM sessions WHERE expires_at < ?", fmtTime(at))
	return storeErr("sessions", err)
}

var _ mineaction.TokenReader = (*Store)(nil)

// TokenHolder implements mineaction.TokenReader: one statement on a pooled
// read connection, outside a transaction (a statement sees one snapshot).
// Every API request authenticates, and a read transaction of three
// queries was a twentieth of a fresh page.
func (s *Store) TokenHolder(ctx context.Context, hash string) (*mineaction.TokenHolder, error) {
	rc, err := s.readers.get(ctx)
	if err != nil {
		return nil, fmt.Errorf("token: %w", err)
	}
	defer s.readers.put(rc, nil)
	t := rc.txn()
	var tk mineaction.Token
	var u mineaction.User
	var orgKind string
	tdest, tfinish := tokenDest(&tk)
	udest, ufinish := userDest(&u)
	err = t.queryRow(ctx, "SELECT "+tokenCols+", "+userCols+", COALESCE(o.kind, '')"+
		" FROM tokens t JOIN users u ON u.id = t.user_id LEFT JOIN organisations o ON o.id = u.org_id WHERE t.hash = ?", hash).
		Scan(append(append(tdest, udest...), &orgKind)...)
	if err != nil {
		return nil, storeErr("token", err)
	}
	tfinish()
	ufinish()
	return &mineaction.TokenHolder{Token: &tk, User: &u, OrgKind: orgKind}, nil
}
