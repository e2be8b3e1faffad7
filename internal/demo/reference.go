package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"mineaction/internal/auth"
	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
)

// Password is the demo password of every demo user.
const Password = "mineaction-demo"

// The organisations of the demo. Apart from the national authority, the
// names are fictional and say so.
var organisations = []*mineaction.Organisation{
	{Code: "ANAMA", Name: "Mine Action Agency of the Republic of Azerbaijan (ANAMA)", Kind: "authority", Teams: []mineaction.Team{
		{Code: "NTS-1", Name: "ANAMA survey team 1", Method: "survey"}, {Code: "NTS-2", Name: "ANAMA survey team 2", Method: "survey"},
		{Code: "MAN-1", Name: "ANAMA manual team 1", Method: "manual"}, {Code: "MAN-2", Name: "ANAMA manual team 2", Method: "manual"},
		{Code: "MECH-1", Name: "ANAMA mechanical team 1", Method: "mechanical"}, {Code: "MDD-1", Name: "ANAMA dog team 1", Method: "dogs"}}},
	{Code: "ARMY", Name: "Army engineer troops (demo)", Kind: "army", Teams: []mineaction.Team{
		{Code: "ENG-1", Name: "Engineer company 1", Method: "manual"}, {Code: "ENG-2", Name: "Engineer company 2", Method: "mechanical"},
		{Code: "ENG-3", Name: "Engineer company 3", Method: "manual"}}},
	{Code: "MES", Name: "Ministry of Emergency Situations, demining service (demo)", Kind: "ministry", Teams: []mineaction.Team{
		{Code: "EOD-1", Name: "MES EOD team 1", Method: "manual"}, {Code: "MAN-1", Name: "MES manual team 1", Method: "manual"},
		{Code: "SUR-1", Name: "MES survey team 1", Method: "survey"}}},
	{Code: "DCS", Name: "Demo Clearance Services Ltd (fictional company)", Kind: "commercial", Teams: []mineaction.Team{
		{Code: "MECH-A", Name: "Mechanical team A", Method: "mechanical"}, {Code: "MAN-A", Name: "Manual team A", Method: "manual"},
		{Code: "MAN-B", Name: "Manual team B", Method: "manual"}, {Code: "TS-A", Name: "Technical survey team A", Method: "survey"}}},
	{Code: "DSO", Name: "Demo Survey and Ordnance Disposal Co (fictional company)", Kind: "commercial", Teams: []mineaction.Team{
		{Code: "SV-1", Name: "Survey team 1", Method: "survey"}, {Code: "MDD-1", Name: "Dog team 1", Method: "dogs"}}},
	{Code: "DRT", Name: "Demo Relief Demining Trust (fictional NGO)", Kind: "ngo", Teams: []mineaction.Team{
		{Code: "NTS-1", Name: "NTS team 1", Method: "survey"}, {Code: "MAN-1", Name: "Manual team 1", Method: "manual"},
		{Code: "MAN-2", Name: "Manual team 2", Method: "manual"}, {Code: "MDD-1", Name: "Dog team 1", Method: "dogs"}}},
	{Code: "DHM", Name: "Demo Humanitarian Mine Action Society (fictional NGO)", Kind: "ngo", Teams: []mineaction.Team{
		{Code: "S-1", Name: "Survey team 1", Method: "survey"}, {Code: "M-1", Name: "Manual team 1", Method: "manual"},
		{Code: "MECH-1", Name: "Mechanical team 1", Method: "mechanical"}}},
	{Code: "DONOR", Name: "Demo Donor Group (fictional)", Kind: "other"},
}

// orgKind returns the kind of an organisation code.
func orgKind(code string) string {
	for _, o := range organisations {
		if o.Code == code {
			return o.Kind
		}
	}
	return ""
}

// User is a demo account, documented in the Summary.
type User struct {
	Name         string            `json:"name"`
	Organisation string            `json:"organisation"`
	Roles        []mineaction.Role `json:"roles"`
	Password     string            `json:"password"`
	Purpose      string            `json:"purpose"`
}

// editorName is the user who enters an operator's reports.
func editorName(org string) string { return "editor." + strings.ToLower(org) }

// demoUsers lists the demo accounts.
func demoUsers() []User {
	us := []User{
		{Name: "admin", Organisation: "ANAMA", Roles: []mineaction.Role{mineaction.RoleAdmin}, Purpose: "administrator; approved the bulk load"},
		{Name: "verifier", Organisation: "ANAMA", Roles: []mineaction.Role{mineaction.RoleVerifier}, Purpose: "information management officer; enters tasks, approves and rejects reports"},
	}
	for _, o := range organisations {
		if len(o.Teams) > 0 {
			us = append(us, User{Name: editorName(o.Code), Organisation: o.Code, Roles: []mineaction.Role{mineaction.RoleEditor},
				Purpose: "enters the reports of " + o.Code})
		}
	}
	us = append(us,
		User{Name: "viewer", Organisation: "DONOR", Roles: []mineaction.Role{mineaction.RoleViewer}, Purpose: "a donor: reads approved data and figures"},
		User{Name: "va", Organisation: "ANAMA", Roles: []mineaction.Role{mineaction.RoleVictimAssistance, mineaction.RoleViewer}, Purpose: "victim assistance: may read victims' personal data"})
	for i := range us {
		us[i].Password = Password
	}
	return us
}

// caller returns the auth.Caller of a demo user.
func caller(u User) auth.Caller {
	return auth.Caller{Principal: mineaction.Principal{User: u.Name, Organisation: u.Organisation, Roles: u.Roles}, OrgKind: orgKind(u.Organisation)}
}

// catalogue returns the ordnance catalogue with unique, URL-safe codes.
func catalogue() ([]*mineaction.Ordnance, error) {
	src, err := readOrdnance()
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	out := make([]*mineaction.Ordnance, 0, len(src))
	for _, o := range src {
		code := ordnanceCode(o.Model)
		if seen[code] {
			code = ordnanceCode(o.Subcategory + " " + o.Model)
		}
		if code == "" || seen[code] {
			return nil, fmt.Errorf("ordnance catalogue: no unique code for %q", o.Model)
		}
		seen[code] = true
		out = append(out, &mineaction.Ordnance{Code: code, Category: o.Category, Subcategory: o.Subcategory, Model: o.Model, Kind: o.Kind, Notes: o.Notes})
	}
	return out, nil
}

// writeReference writes the country, districts, places, organisations and
// teams, the ordnance catalogue and the demo users in one transaction.
func writeReference(ctx context.Context, store mineaction.Store, g *gazetteer, ord []*mineaction.Ordnance, users []User, hash func(string) (string, error)) error {
	hashes := map[string]string{}
	for _, u := range users {
		h := "-"
		if hash != nil {
			var err error
			if h, err = hash(u.Password); err != nil {
				return fmt.Errorf("hash the password of %s: %w", u.Name, err)
			}
		}
		hashes[u.Name] = h
	}
	created := time.Date(2020, 11, 15, 8, 0, 0, 0, time.UTC)
	return store.Update(ctx, func(tx mineaction.Tx) error {
		if err := emptyStore(ctx, tx); err != nil {
			return err
		}
		if err := tx.PutCountry(ctx, &mineaction.Country{Name: "Azerbaijan", Geometry: g.outline, AreaM2: geo.Area(g.outline)}); err != nil {
			return err
		}
		for _, a := range g.adminAreas() {
			if err := tx.PutAdminArea(ctx, a); err != nil {
				return fmt.Errorf("admin area %s: %w", a.Code, err)
			}
		}
		for _, p := range g.placeRecords() {
			if err := tx.PutPlace(ctx, p); err != nil {
				return fmt.Errorf("place %s: %w", p.Name, err)
			}
		}
		for _, o := range organisations {
			if err := tx.PutOrganisation(ctx, &mineaction.Organisation{Code: o.Code, Name: o.Name, Kind: o.Kind}); err != nil {
				return fmt.Errorf("organisation %s: %w", o.Code, err)
			}
			for _, t := range o.Teams {
				t.Organisation = o.Code
				if err := tx.PutTeam(ctx, &t); err != nil {
					return fmt.Errorf("team %s/%s: %w", o.Code, t.Code, err)
				}
			}
		}
		for _, o := range ord {
			if err := tx.PutOrdnance(ctx, o); err != nil {
				return fmt.Errorf("ordnance %s: %w", o.Code, err)
			}
		}
		for _, u := range users {
			if err := tx.PutUser(ctx, &mineaction.User{Name: u.Name, Organisation: u.Organisation, Roles: u.Roles,
				PasswordHash: hashes[u.Name], CreatedAt: created}); err != nil {
				return fmt.Errorf("user %s: %w", u.Name, err)
			}
		}
		return nil
	})
}

// emptyStore refuses a database that already holds reports or users: the
// demo is built into a new database.
func emptyStore(ctx context.Context, tx mineaction.Tx) error {
	n, err := tx.CountReports(ctx, mineaction.ReportFilter{})
	if err != nil {
		return err
	}
	users, err := tx.Users(ctx)
	if err != nil {
		return err
	}
	if n > 0 || len(users) > 0 {
		return mineaction.Conflictf("the demo data set is built into an empty database; this one holds %d reports and %d users", n, len(users))
	}
	return nil
}

// Catalogue returns the starter ordnance catalogue (category ->
// subcategory -> model) from the embedded data/ordnance.csv, with stable
// codes. A new national database is seeded with it; an authority extends it.
func Catalogue() ([]*mineaction.Ordnance, error) { return catalogue() }
