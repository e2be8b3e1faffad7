package mineaction

import (
	"bytes"
	"encoding/json"
	"strconv"
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

// VictimCounts replaces the victims listed in an accident's properties with
// their numbers: victims, killed, injured. It is what callers who see
// counts, never persons, are shown of an accident.
func VictimCounts(props []byte) []byte {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(props, &m); err != nil {
		return []byte(`{}`) // never pass on what cannot be read
	}
	var victims []VictimFacts
	json.Unmarshal(m["victims"], &victims)
	killed, injured := 0, 0
	for _, v := range victims {
		switch v.Outcome {
		case "killed":
			killed++
		case "injured":
			injured++
		}
	}
	m["victims"] = json.RawMessage(strconv.Itoa(len(victims)))
	m["killed"] = json.RawMessage(strconv.Itoa(killed))
	m["injured"] = json.RawMessage(strconv.Itoa(injured))
	out, err := json.Marshal(m)
	if err != nil {
		return []byte(`{}`)
	}
	return out
}
