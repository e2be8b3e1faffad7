package workflow

import (
	"encoding/json"
	"fmt"

	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
)

// A new record's human id is numbered from a counter per record type that
// stays locked until the transaction commits (numbers are never lost to a
// failed approval), so every other approval that creates a record of the
// type waits for it. The id is therefore taken last: the record is
// inserted under a provisional id, its land release accounting is brought
// up to date (the expensive part, run in parallel with other approvals on
// other hazards), and only then is it numbered and its first version
// stored, hashed and audited with the number in its properties.
//
// (Numbering first and inserting with the human id would spare rewriting
// the row, but would put the insert, and what refers to the record, under
// the counter's lock: on PostgreSQL, eight writers approving new hazards
// then wait on the counter. The finds and victims riding in a report come
// last anyway, and are numbered first: see create.)

// applyNew applies rec as a new record: version 1 of itself, with the finds
// or victims that ride in it. The record is numbered, and its first
// version stored, by complete: the version returned is filled in then.
func (a *applier) applyNew(rec mineaction.Record, g geo.Geometry) (*mineaction.Version, error) {
	st, err := a.insert(rec, g, "")
	if err != nil {
		return nil, err
	}
	a.fresh = st
	if err := a.effects(nil, st, rec); err != nil {
		return nil, err
	}
	if err := a.finish(); err != nil {
		return nil, err
	}
	out := &mineaction.Version{RecordID: st.ID, RecordType: st.Type, Version: 1}
	a.later = append(a.later, func() error {
		v, err := a.number(rec, st)
		if err != nil {
			return err
		}
		*out = *v
		return a.children(st, rec, 0)
	})
	return out, nil
}

// complete takes the steps apply left for last: numbering new records and
// creating the finds and victims riding in them. The caller runs it as the
// last thing of the transaction (after storing the report), as it holds
// the human id counters until the commit.
func (a *applier) complete() error {
	steps := a.later
	a.later = nil
	for _, f := range steps {
		if err := f(); err != nil {
			return err
		}
	}
	return nil
}

// create numbers and inserts a record that has no effects of its own (a
// find or a victim riding in its parent's report), and stores its first
// version. It runs last (see complete), under the counters' locks already:
// the record is numbered first and inserted with its human id, not under a
// provisional one to be rewritten.
func (a *applier) create(rec mineaction.Record, g geo.Geometry, adminArea string) (*mineaction.Version, error) {
	st, err := a.prepare(rec, g, adminArea)
	if err != nil {
		return nil, err
	}
	n, err := a.tx.NextHIDNumber(a.ctx, rec.Type())
	if err != nil {
		return nil, err
	}
	b := mineaction.BaseOf(rec)
	b.HID = mineaction.FormatHID(rec.Type(), n)
	if st.Properties, err = json.Marshal(rec); err != nil {
		return nil, fmt.Errorf("encode %s: %w", b.HID, err)
	}
	st.HID = b.HID
	if err := a.tx.InsertRecord(a.ctx, st); err != nil {
		return nil, err
	}
	a.created(st)
	return a.version(st, true)
}

// prepare locks what rec links to and builds its current-view row as
// version 1 of a new record, without a human id yet.
func (a *applier) prepare(rec mineaction.Record, g geo.Geometry, adminArea string) (*mineaction.RecordState, error) {
	if err := a.lockRefs(rec); err != nil {
		return nil, err
	}
	mineaction.BaseOf(rec).HID = ""
	return a.state(rec, g, 1, false, adminArea)
}

// insert inserts rec as version 1 of a new record under a provisional human
// id, unique to the report and the record, and never committed.
func (a *applier) insert(rec mineaction.Record, g geo.Geometry, adminArea string) (*mineaction.RecordState, error) {
	st, err := a.prepare(rec, g, adminArea)
	if err != nil {
		return nil, err
	}
	a.provisional++
	st.HID = fmt.Sprintf("~%d.%d", a.report.ID, a.provisional)
	if err := a.tx.InsertRecord(a.ctx, st); err != nil {
		return nil, err
	}
	a.created(st)
	return st, nil
}

// number gives a record inserted by insert its human id, and stores and
// audits its first version.
func (a *applier) number(rec mineaction.Record, st *mineaction.RecordState) (*mineaction.Version, error) {
	n, err := a.tx.NextHIDNumber(a.ctx, rec.Type())
	if err != nil {
		return nil, err
	}
	b := mineaction.BaseOf(rec)
	b.HID = mineaction.FormatHID(rec.Type(), n)
	props, err := json.Marshal(rec)
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", b.HID, err)
	}
	if err := a.tx.SetHID(a.ctx, st.ID, b.HID, props); err != nil {
		return nil, err
	}
	st.HID, st.Properties = b.HID, props
	a.created(st)
	return a.version(st, true)
}

// children creates the finds of an activity and the victims of an
// accident, which ride in their parent's report, once the parent has its
// human id (they name it). The first skip of them have records already
// (an update lists them as the version before it did).
func (a *applier) children(st *mineaction.RecordState, rec mineaction.Record, skip int) error {
	if st.Deleted {
		return nil
	}
	switch rec := rec.(type) {
	case *mineaction.Activity:
		for i, item := range rec.Finds {
			if i < skip {
				continue
			}
			f := &mineaction.Find{
				Base:     mineaction.Base{Organisation: rec.Organisation, DateOfInformation: rec.DateOfInformation, Notes: rec.Notes},
				Ordnance: item.Ordnance, Quantity: item.Quantity, Condition: item.Condition, DepthCM: item.DepthCM,
				Disposal: item.Disposal, FoundDate: item.FoundDate, Activity: st.HID, Hazard: rec.Hazard,
			}
			if f.FoundDate == "" {
				f.FoundDate = rec.ReleaseDate()
			}
			admin := ""
			if item.Parsed == nil {
				admin = st.AdminArea
			}
			if _, err := a.create(f, item.Parsed, admin); err != nil {
				return err
			}
		}
	case *mineaction.Accident:
		for i, item := range rec.Victims {
			if i < skip {
				continue
			}
			v := &mineaction.Victim{
				Base:        mineaction.Base{Organisation: rec.Organisation, DateOfInformation: rec.DateOfInformation, Notes: rec.Notes},
				Accident:    st.HID,
				VictimFacts: item.VictimFacts,
			}
			if _, err := a.create(v, nil, st.AdminArea); err != nil {
				return err
			}
		}
	}
	return nil
}
