package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"mineaction/internal/mineaction"
)

const userCols = "u.id, u.name, COALESCE(o.code, ''), u.roles, u.password_hash, u.created_at, u.disabled"
const userFrom = " FROM users u LEFT JOIN organisations o ON o.id = u.org_id"

func scanUser(sc scanner) (*mineaction.User, error) {
	var u mineaction.User
	var roles []string
	if err := sc.Scan(&u.ID, &u.Name, &u.Organisation, &roles, &u.PasswordHash, &u.CreatedAt, &u.Disabled); err != nil {
		return nil, err
	}
	u.Roles = parseRoles(roles)
	u.CreatedAt = utc(u.CreatedAt)
	return &u, nil
}

func (t *txn) User(ctx context.Context, name string) (*mineaction.User, error) {
	u, err := scanUser(t.tx.QueryRow(ctx, "SELECT "+userCols+userFrom+" WHERE u.name = $1", name))
	if err != nil {
		return nil, storeErr("user "+name, err)
	}
	return u, nil
}

func (t *txn) Users(ctx context.Context) ([]*mineaction.User, error) {
	rows, err := t.tx.Query(ctx, "SELECT "+userCols+userFrom+" ORDER BY u.name")
	if err != nil {
		return nil, storeErr("users", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (*mineaction.User, error) { return scanUser(r) })
	return out, storeErr("users", err)
}

func (t *txn) PutUser(ctx context.Context, u *mineaction.User) error {
	var org any
	if u.Organisation != "" {
		org = u.Organisation
	}
	var orgFound bool
	err := t.tx.QueryRow(ctx, `INSERT INTO users (name, org_id, roles, password_hash, created_at, disabled)
		VALUES ($1, (SELECT id FROM organisations WHERE code = $2), $3, $4, $5, $6)
		ON CONFLICT (name) DO UPDATE SET org_id = excluded.org_id, roles = excluded.roles,
		password_hash = excluded.password_hash, disabled = excluded.disabled RETURNING id, org_id IS NOT NULL`,
		u.Name, org, rolesArg(u.Roles), u.PasswordHash, timeArg(u.CreatedAt), u.Disabled).Scan(&u.ID, &orgFound)
	if err != nil {
		return storeErr("user "+u.Name, err)
	}
	if org != nil && !orgFound {
		return mineaction.Invalid("org", "unknown organisation %q", u.Organisation)
	}
	return nil
}

const tokenCols = "t.id, u.name, t.name, t.hash, t.roles, t.created_at, t.expires_at, t.revoked_at"

func scanToken(sc scanner) (*mineaction.Token, error) {
	var tk mineaction.Token
	var roles []string
	if err := sc.Scan(&tk.ID, &tk.User, &tk.Name, &tk.Hash, &roles, &tk.CreatedAt, &tk.ExpiresAt, &tk.RevokedAt); err != nil {
		return nil, err
	}
	tk.Roles = parseRoles(roles)
	tk.CreatedAt = utc(tk.CreatedAt)
	tk.ExpiresAt, tk.RevokedAt = utcPtr(tk.ExpiresAt), utcPtr(tk.RevokedAt)
	return &tk, nil
}

func (t *txn) TokenByHash(ctx context.Context, hash string) (*mineaction.Token, error) {
	tk, err := scanToken(t.tx.QueryRow(ctx, "SELECT "+tokenCols+" FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.hash = $1", hash))
	if err != nil {
		return nil, storeErr("token", err)
	}
	return tk, nil
}

var _ mineaction.TokenReader = (*Store)(nil)

// TokenHolder implements mineaction.TokenReader: the token, its user and
// the kind of the user's organisation in one statement, outside any
// transaction (one statement sees one state).
func (s *Store) TokenHolder(ctx context.Context, hash string) (*mineaction.TokenHolder, error) {
	var h mineaction.TokenHolder
	var tk mineaction.Token
	var u mineaction.User
	var tokRoles, userRoles []string
	err := s.pool.QueryRow(ctx, "SELECT "+tokenCols+", "+userCols+", COALESCE(o.kind, '')"+
		" FROM tokens t JOIN users u ON u.id = t.user_id LEFT JOIN organisations o ON o.id = u.org_id WHERE t.hash = $1", hash).
		Scan(&tk.ID, &tk.User, &tk.Name, &tk.Hash, &tokRoles, &tk.CreatedAt, &tk.ExpiresAt, &tk.RevokedAt,
			&u.ID, &u.Name, &u.Organisation, &userRoles, &u.PasswordHash, &u.CreatedAt, &u.Disabled, &h.OrgKind)
	if err != nil {
		return nil, storeErr("token", err)
	}
	tk.Roles, u.Roles = parseRoles(tokRoles), parseRoles(userRoles)
	tk.CreatedAt, u.CreatedAt = utc(tk.CreatedAt), utc(u.CreatedAt)
	tk.ExpiresAt, tk.RevokedAt = utcPtr(tk.ExpiresAt), utcPtr(tk.RevokedAt)
	h.Token, h.User = &tk, &u
	return &h, nil
}

func (t *txn) Tokens(ctx context.Context, user string) ([]*mineaction.Token, error) {
	rows, err := t.tx.Query(ctx, "SELECT "+tokenCols+" FROM tokens t JOIN users u ON u.id = t.user_id WHERE u.name = $1 ORDER BY t.id", user)
	if err != nil {
		return nil, storeErr("tokens", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (*mineaction.Token, error) { return scanToken(r) })
	return out, storeErr("tokens", err)
}

func (t *txn) InsertToken(ctx context.Context, tk *mineaction.Token) error {
	err := t.tx.QueryRow(ctx, `INSERT INTO tokens (user_id, name, hash, roles, created_at, expires_at, revoked_at)
		VALUES ((SELECT id FROM users WHERE name = $1), $2, $3, $4, $5, $6, $7) RETURNING id`,
		tk.User, tk.Name, tk.Hash, rolesArg(tk.Roles), timeArg(tk.CreatedAt), timePtrArg(tk.ExpiresAt), timePtrArg(tk.RevokedAt)).Scan(&tk.ID)
	return storeErr("token", err)
}

func (t *txn) RevokeToken(ctx context.Context, id int64, at time.Time) error {
	tag, err := t.tx.Exec(ctx, "UPDATE tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL", timeArg(at), id)
	if err != nil {
		return storeErr("token", err)
	}
	if tag.RowsAffected() == 0 {
		return storeErr(fmt.Sprintf("token %d", id), pgx.ErrNoRows)
	}
	return nil
}

func (t *txn) Session(ctx context.Context, hash string) (*mineaction.Session, error) {
	var s mineaction.Session
	err := t.tx.QueryRow(ctx, `SELECT s.hash, u.name, s.csrf, s.created_at, s.last_seen, s.expires_at
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.hash = $1`, hash).
		Scan(&s.Hash, &s.User, &s.CSRF, &s.CreatedAt, &s.LastSeen, &s.ExpiresAt)
	if err != nil {
		return nil, storeErr("session", err)
	}
	s.CreatedAt, s.LastSeen, s.ExpiresAt = utc(s.CreatedAt), utc(s.LastSeen), utc(s.ExpiresAt)
	return &s, nil
}

func (t *txn) PutSession(ctx context.Context, s *mineaction.Session) error {
	_, err := t.tx.Exec(ctx, `INSERT INTO sessions (hash, user_id, csrf, created_at, last_seen, expires_at)
		VALUES ($1, (SELECT id FROM users WHERE name = $2), $3, $4, $5, $6)
		ON CONFLICT (hash) DO UPDATE SET last_seen = excluded.last_seen, expires_at = excluded.expires_at`,
		s.Hash, s.User, s.CSRF, timeArg(s.CreatedAt), timeArg(s.LastSeen), timeArg(s.ExpiresAt))
	return storeErr("session", err)
}

func (t *txn) DeleteSession(ctx context.Context, hash string) error {
	_, err := t.tx.Exec(ctx, "DELETE FROM sessions WHERE hash = $1", hash)
	return storeErr("session", err)
}

func (t *txn) DeleteSessionsBefore(ctx context.Context, at time.Time) error {
	_, err := t.tx.Exec(ctx, "DELETE FROM sessions WHERE expires_at < $1", timeArg(at))
	return storeErr("sessions", err)
}
