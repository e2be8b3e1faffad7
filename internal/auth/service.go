package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"slices"
	"strings"
	"time"

	"mineaction/internal/mineaction"
)

// Config holds the account settings.
type Config struct {
	Now func() time.Time
	// SessionIdle ends a session nobody used for this long.
	SessionIdle time.Duration
	// SessionMax ends any session this long after sign-in.
	SessionMax time.Duration
	Limiter    LimiterConfig
}

// Service manages accounts, sign-in, sessions and API tokens on a store.
type Service struct {
	store   mineaction.Store
	cfg     Config
	limiter *Limiter
}

// NewService returns an account service.
func NewService(store mineaction.Store, cfg Config) *Service {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.SessionIdle == 0 {
		cfg.SessionIdle = 30 * time.Minute
	}
	if cfg.SessionMax == 0 {
		cfg.SessionMax = 12 * time.Hour
	}
	return &Service{store: store, cfg: cfg, limiter: NewLimiter(cfg.Limiter, cfg.Now)}
}

func (s *Service) now() time.Time { return s.cfg.Now().UTC().Truncate(time.Microsecond) }

// TokenPrefix starts every API token, so that leaked tokens are easy to find.
const TokenPrefix = "mat_"

func randomToken(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// HashSecret returns the stored form of a token or session id: they are
// long random strings, so one SHA-256 is enough.
func HashSecret(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}

// AddUser creates or replaces an account. The actor is who does it (for the
// audit log); the command line passes "system".
func (s *Service) AddUser(ctx context.Context, actor, name, org string, roles []mineaction.Role, password string) error {
	if err := checkUserName(name); err != nil {
		return err
	}
	if err := CheckPasswordPolicy(password, name); err != nil {
		return err
	}
	if (slices.Contains(roles, mineaction.RoleEditor)) && org == "" {
		return mineaction.Invalid("org", "an editor enters reports for an organisation: give --org")
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	return s.store.Update(ctx, func(tx mineaction.Tx) error {
		if org != "" {
			if _, err := tx.Organisation(ctx, org); err != nil {
				return mineaction.Invalid("org", "unknown organisation %q", org)
			}
		}
		u := &mineaction.User{Name: name, Organisation: org, Roles: roles, PasswordHash: hash, CreatedAt: s.now()}
		if err := tx.PutUser(ctx, u); err != nil {
			return err
		}
		return mineaction.AppendAudit(ctx, tx, &mineaction.AuditEntry{At: s.now(), Actor: actor, Action: mineaction.AuditUserAdd,
			Detail: name + " " + rolesText(roles) + " " + org})
	})
}

func rolesText(rs []mineaction.Role) string {
	s := make([]string, len(rs))
	for i, r := range rs {
		s[i] = string(r)
	}
	return strings.Join(s, ",")
}

func checkUserName(name string) error {
	if len(name) < 2 || len(name) > 64 {
		return mineaction.Invalid("name", "2 to 64 characters")
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_' || r == '@') {
			return mineaction.Invalid("name", "letters, digits and . - _ @ only")
		}
	}
	return nil
}

// CreateToken makes an API token for user with the given roles (a subset of
// the user's, all of them if empty) and lifetime (0 = no expiry). The
// plaintext is returned once; only its hash is stored.
func (s *Service) CreateToken(ctx context.Context, actor, user, name string, roles []mineaction.Role, ttl time.Duration) (string, *mineaction.Token, error) {
	secret := TokenPrefix + randomToken(32)
	var tok *mineaction.Token
	err := s.store.Update(ctx, func(tx mineaction.Tx) error {
		u, err := tx.User(ctx, user)
		if err != nil {
			return mineaction.Invalid("user", "unknown user %q", user)
		}
		if len(roles) == 0 {
			roles = u.Roles
		}
		for _, r := range roles {
			if !slices.Contains(u.Roles, r) {
				return mineaction.Invalid("role", "%s does not hold the role %s", user, r)
			}
		}
		now := s.now()
		tok = &mineaction.Token{User: user, Name: name, Hash: HashSecret(secret), Roles: roles, CreatedAt: now}
		if ttl > 0 {
			exp := now.Add(ttl)
			tok.ExpiresAt = &exp
		}
		if err := tx.InsertToken(ctx, tok); err != nil {
			return err
		}
		return mineaction.AppendAudit(ctx, tx, &mineaction.AuditEntry{At: now, Actor: actor, Action: mineaction.AuditTokenCreate,
			Detail: user + " " + name})
	})
	if err != nil {
		return "", nil, err
	}
	return secret, tok, nil
}

// RevokeToken revokes a token by id.
func (s *Service) RevokeToken(ctx context.Context, actor string, id int64) error {
	return s.store.Update(ctx, func(tx mineaction.Tx) error {
		if err := tx.RevokeToken(ctx, id, s.now()); err != nil {
			return err
		}
		return mineaction.AppendAudit(ctx, tx, &mineaction.AuditEntry{At: s.now(), Actor: actor, Action: mineaction.AuditTokenRevoke})
	})
}

// caller builds the Caller for a user with the given roles.
func caller(ctx context.Context, tx mineaction.Tx, u *mineaction.User, roles []mineaction.Role) (Caller, error) {
	kind := ""
	if u.Organisation != "" {
		o, err := tx.Organisation(ctx, u.Organisation)
		if err != nil {
			return Caller{}, err
		}
		kind = o.Kind
	}
	return callerOf(u, roles, kind), nil
}

// callerOf builds the Caller for a user with the given roles, whose
// organisation is of kind orgKind.
func callerOf(u *mineaction.User, roles []mineaction.Role, orgKind string) Caller {
	c := Caller{Principal: mineaction.Principal{User: u.Name, Organisation: u.Organisation, Roles: roles}}
	if u.Organisation != "" {
		c.OrgKind = orgKind
	}
	return c
}

// unauthorized is the one answer to every failed authentication, so that
// it does not tell which part was wrong.
func unauthorized(msg string) error {
	return &mineaction.Error{Kind: mineaction.KindUnauthorized, Msg: msg}
}

// ByToken authenticates an API bearer token. A store that reads a token
// with its holder in one query (mineaction.TokenReader) is asked that way:
// every API request authenticates, and this is one round trip to the
// database instead of a read-only transaction of three reads.
func (s *Service) ByToken(ctx context.Context, secret string) (Caller, error) {
	if !strings.HasPrefix(secret, TokenPrefix) || len(secret) > 200 {
		return Caller{}, unauthorized("invalid token")
	}
	hash := HashSecret(secret)
	if r, ok := s.store.(mineaction.TokenReader); ok {
		h, err := r.TokenHolder(ctx, hash)
		if mineaction.ErrorKind(err) == mineaction.KindNotFound {
			return Caller{}, unauthorized("invalid token")
		}
		if err != nil {
			return Caller{}, err
		}
		return s.tokenCaller(h)
	}
	var c Caller
	err := s.store.View(ctx, func(tx mineaction.Tx) error {
		tok, err := tx.TokenByHash(ctx, hash)
		if err != nil {
			return unauthorized("invalid token")
		}
		h := &mineaction.TokenHolder{Token: tok}
		if h.User, err = tx.User(ctx, tok.User); err != nil {
			return unauthorized("invalid token")
		}
		if h.User.Organisation != "" {
			o, err := tx.Organisation(ctx, h.User.Organisation)
			if err != nil {
				return err
			}
			h.OrgKind = o.Kind
		}
		c, err = s.tokenCaller(h)
		return err
	})
	return c, err
}

// tokenCaller checks a token and its holder, and returns the Caller it
// authenticates.
func (s *Service) tokenCaller(h *mineaction.TokenHolder) (Caller, error) {
	tok, u := h.Token, h.User
	if tok.RevokedAt != nil {
		return Caller{}, unauthorized("the token was revoked")
	}
	if tok.ExpiresAt != nil && !s.now().Before(*tok.ExpiresAt) {
		return Caller{}, unauthorized("the token has expired")
	}
	if u == nil || u.Disabled {
		return Caller{}, unauthorized("invalid token")
	}
	// The token's scope, within what the user still holds.
	var roles []mineaction.Role
	for _, r := range tok.Roles {
		if slices.Contains(u.Roles, r) {
			roles = append(roles, r)
		}
	}
	return callerOf(u, roles, h.OrgKind), nil
}
