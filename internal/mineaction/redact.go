package mineaction

import (
	"bytes"
	"encoding/json"
)

// RedactPersonal removes victims' personal data from the properties of a
// record (or report) of type t, for every victim for whom keep returns
// false. keep is given the victim's facts, consent flags included. Records
// of other types come back unchanged.
func RedactPersonal(t RecordType, props json.RawMessage, keep func(VictimFacts) bool) json.RawMessage {
	if t != TypeVictim && t != TypeAccident {
		return props
	}
	if !bytes.Contains(props, []byte(`"personal"`)) {
		return props
	}
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader(props))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		return json.RawMessage(`{}`) // never leak what cannot be parsed
	}
	facts := func(v map[string]any) VictimFacts {
		f := VictimFacts{}
		f.ConsentAuthorities, _ = v["consent_authorities"].(bool)
		f.ConsentNGOs, _ = v["consent_ngos"].(bool)
		f.Outcome, _ = v["outcome"].(string)
		f.VictimType, _ = v["victim_type"].(string)
		return f
	}
	switch t {
	case TypeVictim:
		if !keep(facts(m)) {
			delete(m, "personal")
		}
	case TypeAccident:
		if list, ok := m["victims"].([]any); ok {
			for _, item := range list {
				if v, ok := item.(map[string]any); ok && !keep(facts(v)) {
					delete(v, "personal")
				}
			}
		}
	}
	out, err := json.Marshal(m)
	if err != nil {
		return json.RawMessage(`{}`)
	}
	return out
}
