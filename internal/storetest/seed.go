package storetest

import (
	"context"
	"testing"
	"time"

	"mineaction/internal/auth"
	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
)

// Country is the test country: a 1 x 1 degree square in the South Caucasus.
var Country = geo.MultiPolygon{{{{X: 46, Y: 39.5}, {X: 47, Y: 39.5}, {X: 47, Y: 40.5}, {X: 46, Y: 40.5}, {X: 46, Y: 39.5}}}}

// The test users, by role. Each is also a Caller.
var (
	Admin     = caller("admin", "NMAA", "authority", mineaction.RoleAdmin)
	Verifier  = caller("vera", "NMAA", "authority", mineaction.RoleVerifier)
	Verifier2 = caller("victor", "NMAA", "authority", mineaction.RoleVerifier)
	Editor    = caller("eddie", "OPA", "ngo", mineaction.RoleEditor)
	EditorB   = caller("erin", "OPB", "commercial", mineaction.RoleEditor)
	Viewer    = caller("donor", "DONOR", "other", mineaction.RoleViewer)
	VA        = caller("vanessa", "NMAA", "authority", mineaction.RoleVictimAssistance, mineaction.RoleViewer)
)

func caller(name, org, kind string, roles ...mineaction.Role) auth.Caller {
	return auth.Caller{Principal: mineaction.Principal{User: name, Organisation: org, Roles: roles}, OrgKind: kind}
}

// Callers lists every test user.
func Callers() []auth.Caller {
	return []auth.Caller{Admin, Verifier, Verifier2, Editor, EditorB, Viewer, VA}
}

// Seed writes the test world: country, two admin areas, organisations with
// teams, an ordnance catalogue excerpt, and the test users.
func Seed(t testing.TB, s mineaction.Store) {
	t.Helper()
	ctx := context.Background()
	west := geo.MultiPolygon{{{{X: 46, Y: 39.5}, {X: 46.5, Y: 39.5}, {X: 46.5, Y: 40.5}, {X: 46, Y: 40.5}, {X: 46, Y: 39.5}}}}
	east := geo.MultiPolygon{{{{X: 46.5, Y: 39.5}, {X: 47, Y: 39.5}, {X: 47, Y: 40.5}, {X: 46.5, Y: 40.5}, {X: 46.5, Y: 39.5}}}}
	err := s.Update(ctx, func(tx mineaction.Tx) error {
		if err := tx.PutCountry(ctx, &mineaction.Country{Name: "Testland", Geometry: Country, AreaM2: geo.Area(Country)}); err != nil {
			return err
		}
		for _, a := range []*mineaction.AdminArea{
			{Code: "W", Name: "West", Level: 1, Affected: true, Geometry: west, AreaM2: geo.Area(west)},
			{Code: "E", Name: "East", Level: 1, Affected: true, Geometry: east, AreaM2: geo.Area(east)},
		} {
			if err := tx.PutAdminArea(ctx, a); err != nil {
				return err
			}
		}
		for _, o := range []*mineaction.Organisation{
			{Code: "NMAA", Name: "National Mine Action Authority", Kind: "authority"},
			{Code: "OPA", Name: "Operator A", Kind: "ngo"},
			{Code: "OPB", Name: "Operator B", Kind: "commercial"},
			{Code: "DONOR", Name: "A donor", Kind: "other"},
		} {
			if err := tx.PutOrganisation(ctx, o); err != nil {
				return err
			}
		}
		for _, tm := range []*mineaction.Team{{Organisation: "OPA", Code: "T1", Name: "Team 1", Method: "manual"}} {
			if err := tx.PutTeam(ctx, tm); err != nil {
				return err
			}
		}
		for _, o := range []*mineaction.Ordnance{
			{Code: "PMN-2", Category: "Landmine", Subcategory: "Anti-personnel", Model: "PMN-2", Kind: "blast"},
			{Code: "TM-62M", Category: "Landmine", Subcategory: "Anti-tank", Model: "TM-62M", Kind: "blast"},
		} {
			if err := tx.PutOrdnance(ctx, o); err != nil {
				return err
			}
		}
		for _, c := range Callers() {
			u := &mineaction.User{Name: c.User, Organisation: c.Organisation, Roles: c.Roles, PasswordHash: "-", CreatedAt: time.Unix(0, 0).UTC()}
			if err := tx.PutUser(ctx, u); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("seed: %v", err)
	}
}
