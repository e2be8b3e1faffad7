package storetest

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"mineaction/internal/mineaction"
)

func testAccounts(t *testing.T, open func(testing.TB) mineaction.Store) {
	s := open(t)
	Seed(t, s)
	u := &mineaction.User{Name: "zoë", Organisation: "OPB", Roles: []mineaction.Role{mineaction.RoleEditor, mineaction.RoleViewer},
		PasswordHash: "$argon2id$x", CreatedAt: t0}
	update(t, s, func(tx mineaction.Tx) error { return tx.PutUser(ctx, u) })
	got := get(t, s, func(tx mineaction.Tx) (*mineaction.User, error) { return tx.User(ctx, "zoë") })
	if !reflect.DeepEqual(got, u) {
		t.Errorf("user:\n got %+v\nwant %+v", got, u)
	}
	// An update keeps the id and the creation time.
	u2 := *u
	u2.Roles, u2.Disabled, u2.Organisation, u2.CreatedAt = []mineaction.Role{mineaction.RoleViewer}, true, "", t0.Add(time.Hour)
	update(t, s, func(tx mineaction.Tx) error { return tx.PutUser(ctx, &u2) })
	got = get(t, s, func(tx mineaction.Tx) (*mineaction.User, error) { return tx.User(ctx, "zoë") })
	if got.ID != u.ID || !got.Disabled || got.Organisation != "" || len(got.Roles) != 1 || !got.CreatedAt.Equal(t0) {
		t.Errorf("updated user %+v", got)
	}
	err := s.Update(ctx, func(tx mineaction.Tx) error {
		return tx.PutUser(ctx, &mineaction.User{Name: "x", Organisation: "NOPE", Roles: []mineaction.Role{mineaction.RoleViewer}, CreatedAt: t0})
	})
	wantKind(t, "a user of an unknown organisation", err, mineaction.KindInvalid)
	users := get(t, s, func(tx mineaction.Tx) ([]*mineaction.User, error) { return tx.Users(ctx) })
	var names []string
	for _, x := range users {
		names = append(names, x.Name)
	}
	if want := []string{"admin", "donor", "eddie", "erin", "vanessa", "vera", "victor", "zoë"}; !reflect.DeepEqual(names, want) {
		t.Errorf("users %v, want %v", names, want)
	}

	exp := t0.Add(24 * time.Hour)
	tk := &mineaction.Token{User: "eddie", Name: "laptop", Hash: "h1", Roles: []mineaction.Role{mineaction.RoleEditor}, CreatedAt: t0, ExpiresAt: &exp}
	tk2 := &mineaction.Token{User: "eddie", Name: "ci", Hash: "h2", Roles: []mineaction.Role{mineaction.RoleViewer}, CreatedAt: t0}
	update(t, s, func(tx mineaction.Tx) error {
		if err := tx.InsertToken(ctx, tk); err != nil {
			return err
		}
		return tx.InsertToken(ctx, tk2)
	})
	gotTk := get(t, s, func(tx mineaction.Tx) (*mineaction.Token, error) { return tx.TokenByHash(ctx, "h1") })
	if !reflect.DeepEqual(gotTk, tk) {
		t.Errorf("token:\n got %+v\nwant %+v", gotTk, tk)
	}
	err = s.Update(ctx, func(tx mineaction.Tx) error {
		return tx.InsertToken(ctx, &mineaction.Token{User: "vera", Name: "dup", Hash: "h1", CreatedAt: t0})
	})
	wantKind(t, "a token with a used hash", err, mineaction.KindConflict)
	update(t, s, func(tx mineaction.Tx) error { return tx.RevokeToken(ctx, tk.ID, exp) })
	err = s.Update(ctx, func(tx mineaction.Tx) error { return tx.RevokeToken(ctx, tk.ID, exp) })
	wantKind(t, "revoking twice", err, mineaction.KindNotFound)
	tks := get(t, s, func(tx mineaction.Tx) ([]*mineaction.Token, error) { return tx.Tokens(ctx, "eddie") })
	if len(tks) != 2 || tks[0].ID != tk.ID || tks[0].RevokedAt == nil || !tks[0].RevokedAt.Equal(exp) || tks[1].RevokedAt != nil {
		t.Errorf("tokens %+v", tks)
	}
	// A store that reads a token with its holder in one query gives what
	// the reads of a transaction give.
	if r, ok := s.(mineaction.TokenReader); ok {
		tk3 := &mineaction.Token{User: "zoë", Name: "none", Hash: "h3", Roles: []mineaction.Role{mineaction.RoleViewer}, CreatedAt: t0}
		update(t, s, func(tx mineaction.Tx) error { return tx.InsertToken(ctx, tk3) })
		for _, c := range []struct {
			hash, user, kind string
		}{{"h1", "eddie", "ngo"}, {"h3", "zoë", ""}} {
			h, err := r.TokenHolder(ctx, c.hash)
			if err != nil {
				t.Fatalf("token holder of %s: %v", c.hash, err)
			}
			tok := get(t, s, func(tx mineaction.Tx) (*mineaction.Token, error) { return tx.TokenByHash(ctx, c.hash) })
			user := get(t, s, func(tx mineaction.Tx) (*mineaction.User, error) { return tx.User(ctx, c.user) })
			if want := (&mineaction.TokenHolder{Token: tok, User: user, OrgKind: c.kind}); !reflect.DeepEqual(h, want) {
				t.Errorf("token holder of %s:\n got %+v %+v %q\nwant %+v %+v %q", c.hash, h.Token, h.User, h.OrgKind, tok, user, c.kind)
			}
		}
		_, err := r.TokenHolder(ctx, "nope")
		wantKind(t, "the holder of an unknown token", err, mineaction.KindNotFound)
	}

	sess := &mineaction.Session{Hash: "s1", User: "vera", CSRF: "c", CreatedAt: t0, LastSeen: t0, ExpiresAt: exp}
	old := &mineaction.Session{Hash: "s0", User: "eddie", CSRF: "c", CreatedAt: t0, LastSeen: t0, ExpiresAt: t0.Add(time.Minute)}
	update(t, s, func(tx mineaction.Tx) error {
		if err := tx.PutSession(ctx, sess); err != nil {
			return err
		}
		return tx.PutSession(ctx, old)
	})
	if got := get(t, s, func(tx mineaction.Tx) (*mineaction.Session, error) { return tx.Session(ctx, "s1") }); !reflect.DeepEqual(got, sess) {
		t.Errorf("session:\n got %+v\nwant %+v", got, sess)
	}
	seen := t0.Add(time.Hour)
	update(t, s, func(tx mineaction.Tx) error {
		touched := *sess
		touched.LastSeen, touched.ExpiresAt = seen, exp.Add(time.Hour)
		return tx.PutSession(ctx, &touched)
	})
	if got := get(t, s, func(tx mineaction.Tx) (*mineaction.Session, error) { return tx.Session(ctx, "s1") }); !got.LastSeen.Equal(seen) {
		t.Errorf("touched session %+v", got)
	}
	update(t, s, func(tx mineaction.Tx) error { return tx.DeleteSessionsBefore(ctx, t0.Add(time.Hour)) })
	if _, err := getErr(s, func(tx mineaction.Tx) (*mineaction.Session, error) { return tx.Session(ctx, "s0") }); !errors.Is(err, mineaction.ErrNotFound) {
		t.Errorf("expired session: %v", err)
	}
	update(t, s, func(tx mineaction.Tx) error { return tx.DeleteSession(ctx, "s1") })
	if _, err := getErr(s, func(tx mineaction.Tx) (*mineaction.Session, error) { return tx.Session(ctx, "s1") }); !errors.Is(err, mineaction.ErrNotFound) {
		t.Errorf("deleted session: %v", err)
	}
}

// testErrors checks that the stores translate their errors to the same
// kinds.
func testErrors(t *testing.T, open func(testing.TB) mineaction.Store) {
	s := open(t)
	Seed(t, s)
	for what, f := range map[string]func(tx mineaction.Tx) error{
		"organisation": func(tx mineaction.Tx) error { _, err := tx.Organisation(ctx, "NOPE"); return err },
		"ordnance":     func(tx mineaction.Tx) error { _, err := tx.Ordnance(ctx, "NOPE"); return err },
		"admin area":   func(tx mineaction.Tx) error { _, err := tx.AdminArea(ctx, "NOPE"); return err },
		"report":       func(tx mineaction.Tx) error { _, err := tx.Report(ctx, 12345); return err },
		"record":       func(tx mineaction.Tx) error { _, err := tx.Record(ctx, 12345); return err },
		"record hid":   func(tx mineaction.Tx) error { _, err := tx.RecordByHID(ctx, "HA-999999"); return err },
		"figures":      func(tx mineaction.Tx) error { _, err := tx.Figures(ctx, 12345); return err },
		"user":         func(tx mineaction.Tx) error { _, err := tx.User(ctx, "nobody"); return err },
		"token":        func(tx mineaction.Tx) error { _, err := tx.TokenByHash(ctx, "nope"); return err },
		"session":      func(tx mineaction.Tx) error { _, err := tx.Session(ctx, "nope"); return err },
		"update record": func(tx mineaction.Tx) error {
			r := newRecord(mineaction.TypeHazard, 1, "OPA", nil, `{}`)
			r.ID = 12345
			return tx.UpdateRecord(ctx, r)
		},
		"revoke token": func(tx mineaction.Tx) error { return tx.RevokeToken(ctx, 12345, t0) },
	} {
		err := s.Update(ctx, f)
		wantKind(t, what, err, mineaction.KindNotFound)
		if !errors.Is(err, mineaction.ErrNotFound) {
			t.Errorf("%s: errors.Is(%v, ErrNotFound) is false", what, err)
		}
	}
	h := newRecord(mineaction.TypeHazard, 1, "OPA", square(46.1, 39.6, 0.01), `{}`)
	insertRecords(t, s, h)
	for what, f := range map[string]func(tx mineaction.Tx) error{
		"same human id": func(tx mineaction.Tx) error {
			return tx.InsertRecord(ctx, newRecord(mineaction.TypeHazard, 1, "OPB", nil, `{}`))
		},
		"link to nothing": func(tx mineaction.Tx) error {
			r := newRecord(mineaction.TypeActivity, 1, "OPA", nil, `{}`)
			r.Links = []mineaction.Link{{Rel: mineaction.RefHazard, Target: 12345, HID: "HA-012345"}}
			return tx.InsertRecord(ctx, r)
		},
		"release of nothing": func(tx mineaction.Tx) error {
			return tx.ReplaceReleases(ctx, 12345, []*mineaction.Release{release(h, "cleared", "2024-01-01", 0, square(46.1, 39.6, 0.01))})
		},
		"same token hash": func(tx mineaction.Tx) error {
			tk := mineaction.Token{User: "vera", Name: "a", Hash: "same", CreatedAt: t0}
			if err := tx.InsertToken(ctx, &tk); err != nil {
				return err
			}
			return tx.InsertToken(ctx, &tk)
		},
	} {
		err := s.Update(ctx, f)
		wantKind(t, what, err, mineaction.KindConflict)
		if !errors.Is(err, mineaction.ErrConflict) {
			t.Errorf("%s: errors.Is(%v, ErrConflict) is false", what, err)
		}
	}
}

// testRollback checks that a failed Update leaves nothing behind.
func testRollback(t *testing.T, open func(testing.TB) mineaction.Store) {
	s := open(t)
	Seed(t, s)
	boom := errors.New("boom")
	r := newReport(mineaction.TypeHazard, "OPA", "eddie", mineaction.StatusStaged, t0)
	h := newRecord(mineaction.TypeHazard, 1, "OPA", square(46.1, 39.6, 0.01), `{}`)
	err := s.Update(ctx, func(tx mineaction.Tx) error {
		if err := tx.InsertReport(ctx, r); err != nil {
			return err
		}
		if err := tx.InsertRecord(ctx, h); err != nil {
			return err
		}
		if _, err := tx.NextHIDNumber(ctx, mineaction.TypeHazard); err != nil {
			return err
		}
		if err := tx.PutOrganisation(ctx, &mineaction.Organisation{Code: "NEW", Name: "n", Kind: "ngo"}); err != nil {
			return err
		}
		if err := mineaction.AppendAudit(ctx, tx, &mineaction.AuditEntry{At: t0, Actor: "eddie", Action: "x"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update returned %v, want the function's error", err)
	}
	if n := get(t, s, func(tx mineaction.Tx) (int, error) { return tx.CountReports(ctx, mineaction.ReportFilter{}) }); n != 0 {
		t.Errorf("%d reports left behind", n)
	}
	if n := get(t, s, func(tx mineaction.Tx) (int, error) { return tx.CountRecords(ctx, mineaction.RecordQuery{}) }); n != 0 {
		t.Errorf("%d records left behind", n)
	}
	if _, err := getErr(s, func(tx mineaction.Tx) (*mineaction.Organisation, error) { return tx.Organisation(ctx, "NEW") }); err == nil {
		t.Error("organisation left behind")
	}
	if es := get(t, s, func(tx mineaction.Tx) ([]*mineaction.AuditEntry, error) { return tx.Audit(ctx, 0, 0) }); len(es) != 0 {
		t.Errorf("audit entries left behind: %+v", es)
	}
	update(t, s, func(tx mineaction.Tx) error {
		n, err := tx.NextHIDNumber(ctx, mineaction.TypeHazard)
		if n != 1 {
			t.Errorf("human id number after a rollback: %d, want 1", n)
		}
		return err
	})
	// A panic in f rolls back too, and the store stays usable.
	func() {
		defer func() { _ = recover() }()
		_ = s.Update(ctx, func(tx mineaction.Tx) error {
			if err := tx.InsertReport(ctx, newReport(mineaction.TypeHazard, "OPA", "eddie", mineaction.StatusStaged, t0)); err != nil {
				return err
			}
			panic("boom")
		})
	}()
	if n := get(t, s, func(tx mineaction.Tx) (int, error) { return tx.CountReports(ctx, mineaction.ReportFilter{}) }); n != 0 {
		t.Errorf("%d reports left behind by a panic", n)
	}
}
