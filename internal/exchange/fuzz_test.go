package exchange

import (
	"encoding/json"
	"strings"
	"testing"

	"mineaction/internal/mineaction"
)

// FuzzReadBaseline reads arbitrary files as a baseline with releases: it
// must never panic, and every hazard it accepts decodes as a valid record.
func FuzzReadBaseline(f *testing.F) {
	f.Add(`{"type":"FeatureCollection","features":[{"type":"Feature","id":1,"properties":{"type":"SHA","reported":"2021-01-01","district":"W"},`+
		`"geometry":{"type":"Polygon","coordinates":[[[46,39.6],[46.1,39.6],[46.1,39.7],[46,39.6]]]}}]}`,
		`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"hazard_id":1,"kind":"cleared","released":"2022-01-01"},`+
			`"geometry":{"type":"Polygon","coordinates":[[[46,39.6],[46.05,39.6],[46.05,39.65],[46,39.6]]]}}]}`)
	f.Add(`{"type":"FeatureCollection","features":[{"properties":{"category":"CHA","date":"2021-13-01"}}]}`, `{}`)
	f.Fuzz(func(t *testing.T, hazards, releases string) {
		b, err := ReadBaseline(strings.NewReader(hazards), strings.NewReader(releases), Options{Organisation: "NMAA", Rules: mineaction.Rules{Today: "2026-01-01"}})
		if err != nil {
			return
		}
		for _, h := range b.Hazards {
			var f struct {
				Properties json.RawMessage `json:"properties"`
			}
			if err := json.Unmarshal(h.Feature, &f); err != nil {
				t.Fatalf("feature %d: %v", h.Index, err)
			}
			if _, err := mineaction.DecodeProperties(mineaction.TypeHazard, f.Properties); err != nil {
				t.Fatalf("feature %d accepted but invalid: %v", h.Index, err)
			}
		}
	})
}
