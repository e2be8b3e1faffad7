package auth

import "mineaction/internal/mineaction"

// MayRead reports whether the caller may read approved records of type t:
// every reader may, except that victim records (one person each) need
// ReadVictims; a caller without it sees victims only as counts.
func MayRead(c Caller, t mineaction.RecordType) bool {
	if !Allow(c, ReadRecords, Resource{}) {
		return false
	}
	return t != mineaction.TypeVictim || Allow(c, ReadVictims, Resource{})
}

// RecordProperties returns the properties of an approved record of type t
// owned by org as the caller may see them: victims' personal data removed
// unless the policy allows it, and, for a caller who may not read victims,
// an accident's list of victims replaced by its numbers (victims, killed,
// injured).
func RecordProperties(c Caller, t mineaction.RecordType, org string, props []byte) []byte {
	if t == mineaction.TypeAccident && !Allow(c, ReadVictims, Resource{}) {
		return mineaction.VictimCounts(props)
	}
	return mineaction.RedactPersonal(t, props, func(v mineaction.VictimFacts) bool {
		return Allow(c, ReadPersonal, Resource{Organisation: org,
			ConsentAuthorities: v.ConsentAuthorities, ConsentNGOs: v.ConsentNGOs})
	})
}
