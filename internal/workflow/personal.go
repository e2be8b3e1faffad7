package workflow

import (
	"encoding/json"
	"fmt"

	"mineaction/internal/auth"
	"mineaction/internal/mineaction"
)

// Victims' personal data is read only by the victim assistance role, so
// everyone else edits a victim, or an accident with its victims, from a
// copy without it: a report rebuilt from that copy would silently remove
// the data, and nobody who saw the report could tell. Hence the rule:
//
//   - Personal data that is recorded (in the version of the record a report
//     is based on, or in the stored report being edited) may be changed or
//     removed only by a caller who may read it (auth.ReadPersonal, with the
//     organisation and consent flags as recorded), and only through a
//     channel that shows it (not Input.KeepPersonal).
//   - For anyone else, a victim whose report leaves it out keeps it as
//     recorded; a report that brings personal data for such a victim is
//     refused (it would change what the caller cannot see), whatever is
//     recorded, so the refusal reveals nothing; and an accident report may
//     not drop a victim that has personal data.
//   - A new victim (a new record, or a victim added after the recorded
//     ones of an accident) may be given personal data by whoever enters it:
//     it is collected in the field, and nothing recorded is lost.
//
// Victims of an accident are matched by their place in the list.

// basis is what a report's personal data is carried over from.
type basis struct {
	rt           mineaction.RecordType
	organisation string
	props        json.RawMessage
}

// mayChangePersonal reports whether the caller may change or remove the
// recorded personal data of a victim with facts f, owned by org.
func mayChangePersonal(c auth.Caller, in Input, org string, f mineaction.VictimFacts) bool {
	return !in.KeepPersonal && auth.Allow(c, auth.ReadPersonal, auth.Resource{Organisation: org,
		ConsentAuthorities: f.ConsentAuthorities, ConsentNGOs: f.ConsentNGOs})
}

const personalReason = "only the victim assistance role may set or change the personal data of a recorded victim; leave it out and it is kept as recorded"

// carryPersonal applies the rule above to rec, the record a report from c
// carries, against b (nil for a new record).
func carryPersonal(c auth.Caller, in Input, rec mineaction.Record, b *basis) error {
	if b == nil || b.rt != rec.Type() {
		return nil
	}
	var fe mineaction.FieldErrors
	switch rec := rec.(type) {
	case *mineaction.Victim:
		var old mineaction.Victim
		if err := json.Unmarshal(b.props, &old); err != nil {
			return fmt.Errorf("decode the recorded victim: %w", err)
		}
		if mayChangePersonal(c, in, b.organisation, old.VictimFacts) {
			return nil
		}
		if rec.Personal != nil {
			fe.Add("feature.properties.personal", "%s", personalReason)
		}
		rec.Personal = old.Personal
	case *mineaction.Accident:
		var old mineaction.Accident
		if err := json.Unmarshal(b.props, &old); err != nil {
			return fmt.Errorf("decode the recorded accident: %w", err)
		}
		for i, was := range old.Victims {
			if mayChangePersonal(c, in, b.organisation, was.VictimFacts) {
				continue
			}
			if i >= len(rec.Victims) {
				if was.Personal != nil {
					fe.Add("feature.properties.victims", "victim %d of %d has personal data, which only the victim assistance role may remove: keep the victim in the list", i+1, len(old.Victims))
				}
				continue
			}
			if rec.Victims[i].Personal != nil {
				fe.Add(fmt.Sprintf("feature.properties.victims[%d].personal", i), "%s", personalReason)
			}
			rec.Victims[i].Personal = was.Personal
		}
	}
	return fe.Err("the report changes victims' personal data")
}
