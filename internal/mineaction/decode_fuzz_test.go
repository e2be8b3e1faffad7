package mineaction

import (
	"encoding/json"
	"testing"

	"mineaction/internal/geo"
)

// FuzzDecodeProperties: no properties object makes decoding, validation,
// redaction or diffing panic, for any record type.
func FuzzDecodeProperties(f *testing.F) {
	f.Add(uint8(0), []byte(`{"organisation":"OPA","date_of_information":"2024-01-01","category":"SHA","status":"open","hazard_type":"minefield"}`))
	f.Add(uint8(1), []byte(`{"organisation":"OPA","date_of_information":"2024-01-01","activity_type":"clearance","status":"completed","hazard":"HA-000001","end_date":"2024-01-01","outcomes":[{"kind":"cleared","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}],"finds":[{"ordnance":"PMN","quantity":2,"geometry":{"type":"Point","coordinates":[0,0]}}]}`))
	f.Add(uint8(3), []byte(`{"organisation":"OPA","date_of_information":"2024-01-01","accident_type":"mine_erw","date":"2024-01-01","victims":[{"outcome":"killed","sex":"male","victim_type":"civilian","personal":{"name":"x"}}]}`))
	f.Add(uint8(5), []byte(`{"organisation":"OPA","date_of_information":"2024-01-01","date":"2024-01-01","method":"school","beneficiaries":[{"sex":"female","age_band":"0-9","count":3}]}`))
	f.Add(uint8(4), []byte(`{"accident":"AD-000001","outcome":"injured","age":-5,"personal":null}`))
	f.Add(uint8(2), []byte(`{"quantity":1e99}`))
	f.Fuzz(func(t *testing.T, kind uint8, props []byte) {
		typ := RecordTypes[int(kind)%len(RecordTypes)]
		rec, err := DecodeProperties(typ, props)
		if err != nil {
			return
		}
		rules := Rules{ServiceArea: geo.BBox{MinX: 44, MinY: 38, MaxX: 51, MaxY: 42}, Today: "2026-01-01"}
		_ = Check(rec, geo.Point{X: 46, Y: 40}, rules)
		_ = Check(rec, nil, rules)
		_ = rec.Refs()
		_ = rec.Index()
		b, err := json.Marshal(rec)
		if err != nil {
			t.Fatalf("a decoded record does not encode: %v", err)
		}
		red := RedactPersonal(typ, b, func(VictimFacts) bool { return false })
		if json.Valid(red) == false {
			t.Fatalf("redaction produced invalid JSON")
		}
		_ = Diff(props, b, nil, nil)
	})
}
