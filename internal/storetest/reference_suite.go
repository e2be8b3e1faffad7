package storetest

import (
	"reflect"
	"testing"

	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
)

func testReference(t *testing.T, open func(testing.TB) mineaction.Store) {
	s := open(t)
	if _, err := getErr(s, func(tx mineaction.Tx) (*mineaction.Country, error) { return tx.Country(ctx) }); mineaction.ErrorKind(err) != mineaction.KindNotFound {
		t.Errorf("country of an empty database: %v, want not found", err)
	}
	Seed(t, s)

	c := get(t, s, func(tx mineaction.Tx) (*mineaction.Country, error) { return tx.Country(ctx) })
	if c.Name != "Testland" || !reflect.DeepEqual(c.Geometry, Country) || c.AreaM2 != geo.Area(Country) {
		t.Errorf("country %+v", c)
	}

	orgs := get(t, s, func(tx mineaction.Tx) ([]*mineaction.Organisation, error) { return tx.Organisations(ctx) })
	var codes []string
	for _, o := range orgs {
		codes = append(codes, o.Code)
		if o.ID == 0 {
			t.Errorf("organisation %s without id", o.Code)
		}
	}
	if want := []string{"DONOR", "NMAA", "OPA", "OPB"}; !reflect.DeepEqual(codes, want) {
		t.Errorf("organisations %v, want %v", codes, want)
	}
	opa := get(t, s, func(tx mineaction.Tx) (*mineaction.Organisation, error) { return tx.Organisation(ctx, "OPA") })
	if opa.Name != "Operator A" || opa.Kind != "ngo" || len(opa.Teams) != 1 || opa.Teams[0].Code != "T1" || opa.Teams[0].Organisation != "OPA" {
		t.Errorf("OPA %+v", opa)
	}

	// Upserts change in place, keeping ids; teams sort by code.
	update(t, s, func(tx mineaction.Tx) error {
		o := &mineaction.Organisation{Code: "OPA", Name: "Operator A (renamed)", Kind: "commercial"}
		if err := tx.PutOrganisation(ctx, o); err != nil {
			return err
		}
		if o.ID != opa.ID {
			t.Errorf("upsert changed the id: %d, was %d", o.ID, opa.ID)
		}
		for _, tm := range []*mineaction.Team{
			{Organisation: "OPA", Code: "T0", Name: "Team zero"},
			{Organisation: "OPA", Code: "T1", Name: "Team one", Method: "mechanical"},
		} {
			if err := tx.PutTeam(ctx, tm); err != nil {
				return err
			}
			if tm.ID == 0 {
				t.Errorf("team %s without id", tm.Code)
			}
		}
		return nil
	})
	opa = get(t, s, func(tx mineaction.Tx) (*mineaction.Organisation, error) { return tx.Organisation(ctx, "OPA") })
	if opa.Name != "Operator A (renamed)" || opa.Kind != "commercial" || len(opa.Teams) != 2 ||
		opa.Teams[0].Code != "T0" || opa.Teams[1].Name != "Team one" || opa.Teams[1].Method != "mechanical" {
		t.Errorf("OPA after upserts %+v", opa)
	}
	tm := get(t, s, func(tx mineaction.Tx) (*mineaction.Team, error) { return tx.Team(ctx, "OPA", "T1") })
	if tm.Name != "Team one" || tm.Organisation != "OPA" {
		t.Errorf("team %+v", tm)
	}
	_, err := getErr(s, func(tx mineaction.Tx) (*mineaction.Team, error) { return tx.Team(ctx, "OPB", "T1") })
	wantKind(t, "team of another organisation", err, mineaction.KindNotFound)

	testOrdnance(t, s)
	testAdminAreas(t, s)
	testPlaces(t, s)
}

func testOrdnance(t *testing.T, s mineaction.Store) {
	update(t, s, func(tx mineaction.Tx) error {
		return tx.PutOrdnance(ctx, &mineaction.Ordnance{Code: "F-1", Category: "Grenade", Subcategory: "Hand", Model: "F-1", Notes: "fragmentation"})
	})
	list := get(t, s, func(tx mineaction.Tx) ([]*mineaction.Ordnance, error) { return tx.OrdnanceList(ctx) })
	var got []string
	for _, o := range list {
		got = append(got, o.Code)
	}
	if want := []string{"F-1", "PMN-2", "TM-62M"}; !reflect.DeepEqual(got, want) {
		t.Errorf("ordnance in category order %v, want %v", got, want)
	}
	o := get(t, s, func(tx mineaction.Tx) (*mineaction.Ordnance, error) { return tx.Ordnance(ctx, "F-1") })
	if o.Notes != "fragmentation" || o.Subcategory != "Hand" || o.ID == 0 {
		t.Errorf("ordnance %+v", o)
	}
}

func testAdminAreas(t *testing.T, s mineaction.Store) {
	// A district with a hole, below West.
	holed := geo.MultiPolygon{{
		{{X: 46.1, Y: 39.6}, {X: 46.4, Y: 39.6}, {X: 46.4, Y: 39.9}, {X: 46.1, Y: 39.9}, {X: 46.1, Y: 39.6}},
		{{X: 46.2, Y: 39.7}, {X: 46.2, Y: 39.8}, {X: 46.3, Y: 39.8}, {X: 46.3, Y: 39.7}, {X: 46.2, Y: 39.7}},
	}}
	a := &mineaction.AdminArea{Code: "W1", Name: "Westmost", Level: 2, Parent: "W", Note: "approximate", Geometry: holed, AreaM2: geo.Area(holed)}
	update(t, s, func(tx mineaction.Tx) error { return tx.PutAdminArea(ctx, a) })
	got := get(t, s, func(tx mineaction.Tx) (*mineaction.AdminArea, error) { return tx.AdminArea(ctx, "W1") })
	if got.ID != a.ID || got.Parent != "W" || got.Level != 2 || got.Affected || got.Note != "approximate" ||
		!reflect.DeepEqual(got.Geometry, holed) || got.AreaM2 != a.AreaM2 {
		t.Errorf("admin area %+v", got)
	}
	all := get(t, s, func(tx mineaction.Tx) ([]*mineaction.AdminArea, error) { return tx.AdminAreas(ctx) })
	var codes []string
	for _, x := range all {
		codes = append(codes, x.Code)
	}
	if want := []string{"E", "W", "W1"}; !reflect.DeepEqual(codes, want) {
		t.Errorf("admin areas by level and code %v, want %v", codes, want)
	}
}

func testPlaces(t *testing.T, s mineaction.Store) {
	update(t, s, func(tx mineaction.Tx) error {
		for _, p := range []*mineaction.Place{
			{Name: "Şəki", Kind: "city", Point: geo.Point{X: 46.1234567890123, Y: 39.9876543210987}, Population: 68000, AdminArea: "W"},
			{Name: "Ağdam", Kind: "town", Point: geo.Point{X: 46.9, Y: 39.9}},
			{Name: "Zaqatala", Kind: "town", Point: geo.Point{X: 46.6, Y: 40.2}, AdminArea: "E"},
		} {
			if err := tx.PutPlace(ctx, p); err != nil {
				return err
			}
		}
		// An upsert by name and kind.
		return tx.PutPlace(ctx, &mineaction.Place{Name: "Ağdam", Kind: "town", Point: geo.Point{X: 46.95, Y: 39.95}, Population: 10})
	})
	ps := get(t, s, func(tx mineaction.Tx) ([]*mineaction.Place, error) { return tx.Places(ctx) })
	var names []string
	for _, p := range ps {
		names = append(names, p.Name)
	}
	// Code point order: A < Z < Ş.
	if want := []string{"Ağdam", "Zaqatala", "Şəki"}; !reflect.DeepEqual(names, want) {
		t.Fatalf("places %v, want %v", names, want)
	}
	if p := ps[2]; p.Point != (geo.Point{X: 46.1234567890123, Y: 39.9876543210987}) || p.Population != 68000 || p.AdminArea != "W" {
		t.Errorf("place %+v", p)
	}
	if p := ps[0]; p.Point.X != 46.95 || p.Population != 10 || p.AdminArea != "" {
		t.Errorf("upserted place %+v", p)
	}
}

// getErr reads one value and returns the error instead of failing.
func getErr[T any](s mineaction.Store, f func(tx mineaction.Tx) (T, error)) (T, error) {
	var out T
	err := s.View(ctx, func(tx mineaction.Tx) error {
		var err error
		out, err = f(tx)
		return err
	})
	return out, err
}
