package auth

import (
	"sync"
	"time"

	"mineaction/internal/mineaction"
)

// LimiterConfig sets how sign-in failures are slowed and then blocked.
type LimiterConfig struct {
	Window       time.Duration // failures older than this are forgotten
	AccountSlow  int           // failures on one account before each try must wait
	AccountBlock int           // failures on one account before it is blocked for Window
	AddressBlock int           // failures from one address before it is blocked for Window
	SlowDelay    time.Duration // wait between tries once slowed
	MaxTracked   int           // bound on remembered keys
}

// Limiter slows and then blocks repeated sign-in failures per account and
// per address. It is in memory: a restart forgets, which is acceptable for
// slowing guessing on one server.
type Limiter struct {
	cfg LimiterConfig
	now func() time.Time
	mu  sync.Mutex
	m   map[string]*failures
}

type failures struct {
	times []time.Time
	last  time.Time
}

// NewLimiter returns a limiter with defaults filled in.
func NewLimiter(cfg LimiterConfig, now func() time.Time) *Limiter {
	if cfg.Window == 0 {
		cfg.Window = 15 * time.Minute
	}
	if cfg.AccountSlow == 0 {
		cfg.AccountSlow = 3
	}
	if cfg.AccountBlock == 0 {
		cfg.AccountBlock = 10
	}
	if cfg.AddressBlock == 0 {
		cfg.AddressBlock = 30
	}
	if cfg.SlowDelay == 0 {
		cfg.SlowDelay = 5 * time.Second
	}
	if cfg.MaxTracked == 0 {
		cfg.MaxTracked = 100_000
	}
	return &Limiter{cfg: cfg, now: now, m: map[string]*failures{}}
}

func (l *Limiter) recent(key string) *failures {
	f := l.m[key]
	if f == nil {
		return &failures{}
	}
	cut := l.now().Add(-l.cfg.Window)
	i := 0
	for i < len(f.times) && f.times[i].Before(cut) {
		i++
	}
	f.times = f.times[i:]
	return f
}

// Allow returns a KindTooMany error if a sign-in for this account from this
// address must not be tried now.
func (l *Limiter) Allow(account, addr string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	acc, ad := l.recent("u:"+account), l.recent("a:"+addr)
	switch {
	case len(acc.times) >= l.cfg.AccountBlock:
		return mineaction.Errorf(mineaction.KindTooMany, "too many failed sign-ins for this account; try again later")
	case len(ad.times) >= l.cfg.AddressBlock:
		return mineaction.Errorf(mineaction.KindTooMany, "too many failed sign-ins from this address; try again later")
	case len(acc.times) >= l.cfg.AccountSlow && l.now().Sub(acc.last) < l.cfg.SlowDelay:
		return mineaction.Errorf(mineaction.KindTooMany, "wait a few seconds before trying again")
	}
	return nil
}

// Fail records a failed sign-in.
func (l *Limiter) Fail(account, addr string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.m) >= l.cfg.MaxTracked {
		l.m = map[string]*failures{} // crude but bounded
	}
	now := l.now()
	for _, k := range []string{"u:" + account, "a:" + addr} {
		f := l.recent(k)
		f.times = append(f.times, now)
		f.last = now
		l.m[k] = f
	}
}

// Succeed forgets the account's failures.
func (l *Limiter) Succeed(account, addr string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.m, "u:"+account)
}
