package workflow

import (
	"testing"

	"mineaction/internal/mineaction"
)

// FuzzDecodeInput: no request body makes report decoding panic.
func FuzzDecodeInput(f *testing.F) {
	f.Add([]byte(`{"record_type":"hazard","feature":{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[46.1,39.6],[46.2,39.6],[46.2,39.7],[46.1,39.6]]]},"properties":{"organisation":"OPA","date_of_information":"2024-01-01","category":"SHA","status":"open","hazard_type":"minefield"}}}`))
	f.Add([]byte(`{"record_type":"victim","record_id":"VC-000001","version":2,"delete":true}`))
	f.Add([]byte(`{"record_type":"find","feature":{"type":"Feature","geometry":null,"properties":{}}}`))
	f.Add([]byte(`{"feature":[]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		in, err := DecodeInput(body)
		if err != nil {
			return
		}
		if !in.RecordType.Valid() {
			return
		}
		rec, g, err := decodeFeature(in.RecordType, in.Feature)
		if err != nil {
			return
		}
		_ = mineaction.Check(rec, g, mineaction.Rules{Today: "2026-01-01"})
	})
}
