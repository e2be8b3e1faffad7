package server_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"

	"mineaction/internal/mineaction"
	"mineaction/internal/storetest"
)

// TestBasicWithToken checks HTTP Basic authentication for GIS clients that
// cannot send a bearer token: the password must be a live token of the
// named user; the account's password, another user's token, or a revoked
// token are refused.
func TestBasicWithToken(t *testing.T) {
	ts := newSecureServer(t, storetest.SQLite)
	ctx := context.Background()
	const password = "correct horse battery staple"
	if err := ts.accounts.AddUser(ctx, "test", "donor", "DONOR", []mineaction.Role{mineaction.RoleViewer}, password); err != nil {
		t.Fatal(err)
	}
	tok, rec, err := ts.accounts.CreateToken(ctx, "test", "donor", "qgis", nil, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	other, _, err := ts.accounts.CreateToken(ctx, "test", "vera", "qgis", nil, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	get := func(user, pass string) (int, string) {
		req, _ := http.NewRequest("GET", ts.url+"/api/v1/me", nil)
		req.SetBasicAuth(user, pass)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var me struct{ User string }
		b, _ := io.ReadAll(res.Body)
		json.Unmarshal(b, &me)
		return res.StatusCode, me.User
	}
	if code, user := get("donor", tok); code != 200 || user != "donor" {
		t.Errorf("Basic with the user's token: %d as %q, want 200 as donor", code, user)
	}
	for _, c := range []struct{ name, user, pass string }{
		{"another user's token", "donor", other},
		{"the token under another name", "vera", tok},
		{"the account's password", "donor", password},
		{"no password", "donor", ""},
	} {
		if code, _ := get(c.user, c.pass); code != 401 {
			t.Errorf("Basic with %s: %d, want 401", c.name, code)
		}
	}
	if err := ts.accounts.RevokeToken(ctx, "test", rec.ID); err != nil {
		t.Fatal(err)
	}
	if code, _ := get("donor", tok); code != 401 {
		t.Errorf("Basic with a revoked token: %d, want 401", code)
	}
}
