package auth

import (
	"context"
	"time"

	"mineaction/internal/mineaction"
)

// SignIn checks a user name and password, subject to the rate limits, and
// opens a session. It returns the session secret (for the cookie) and the
// session, whose CSRF token forms must carry.
func (s *Service) SignIn(ctx context.Context, name, password, addr string) (string, *mineaction.Session, error) {
	if err := s.limiter.Allow(name, addr); err != nil {
		return "", nil, err
	}
	var u *mineaction.User
	err := s.store.View(ctx, func(tx mineaction.Tx) error {
		var err error
		u, err = tx.User(ctx, name)
		return err
	})
	ok := false
	if err == nil && !u.Disabled {
		ok = CheckPassword(u.PasswordHash, password)
	} else {
		// Spend the same time on unknown users.
		CheckPassword(dummyHash, password)
	}
	if !ok {
		s.limiter.Fail(name, addr)
		return "", nil, unauthorized("wrong user name or password")
	}
	s.limiter.Succeed(name, addr)
	secret := randomToken(32)
	now := s.now()
	sess := &mineaction.Session{Hash: HashSecret(secret), User: u.Name, CSRF: randomToken(24), CreatedAt: now, LastSeen: now,
		ExpiresAt: minTime(now.Add(s.cfg.SessionIdle), now.Add(s.cfg.SessionMax))}
	err = s.store.Update(ctx, func(tx mineaction.Tx) error {
		if err := tx.DeleteSessionsBefore(ctx, now); err != nil {
			return err
		}
		return tx.PutSession(ctx, sess)
	})
	if err != nil {
		return "", nil, err
	}
	return secret, sess, nil
}

var dummyHash, _ = HashPassword("not a password anyone has")

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// BySession authenticates a session secret from a cookie, extending the
// session's idle deadline (at most once a minute, to spare the database).
func (s *Service) BySession(ctx context.Context, secret string) (Caller, *mineaction.Session, error) {
	if secret == "" || len(secret) > 100 {
		return Caller{}, nil, unauthorized("sign in first")
	}
	hash := HashSecret(secret)
	var c Caller
	var sess *mineaction.Session
	err := s.store.View(ctx, func(tx mineaction.Tx) error {
		var err error
		sess, err = tx.Session(ctx, hash)
		if err != nil {
			return unauthorized("sign in first")
		}
		if !s.now().Before(sess.ExpiresAt) {
			return unauthorized("the session has expired; sign in again")
		}
		u, err := tx.User(ctx, sess.User)
		if err != nil || u.Disabled {
			return unauthorized("sign in first")
		}
		c, err = caller(ctx, tx, u, u.Roles)
		return err
	})
	if err != nil {
		return Caller{}, nil, err
	}
	now := s.now()
	if now.Sub(sess.LastSeen) > time.Minute {
		sess.LastSeen = now
		sess.ExpiresAt = minTime(now.Add(s.cfg.SessionIdle), sess.CreatedAt.Add(s.cfg.SessionMax))
		if err := s.store.Update(ctx, func(tx mineaction.Tx) error { return tx.PutSession(ctx, sess) }); err != nil {
			return Caller{}, nil, err
		}
	}
	return c, sess, nil
}

// SignOut ends a session.
func (s *Service) SignOut(ctx context.Context, secret string) error {
	return s.store.Update(ctx, func(tx mineaction.Tx) error { return tx.DeleteSession(ctx, HashSecret(secret)) })
}
