package workflow_test

import (
	"testing"

	"mineaction/internal/mineaction"
	"mineaction/internal/storetest"
	"mineaction/internal/workflow"
)

// TestUpdatesDoNotRepeatChildren corrects an accident and an activity whose
// victims and finds rode in their first report. Each victim and find is a
// record from then on: a correction that lists them as before must not
// create them again (it used to, doubling the casualties of every
// corrected accident), and one that adds an entry creates that one only.
func TestUpdatesDoNotRepeatChildren(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, open func(testing.TB) mineaction.Store) {
		e := newEnv(t, open)
		victim := func(outcome string) map[string]any {
			return map[string]any{"outcome": outcome, "sex": "female", "age": 30, "victim_type": "civilian"}
		}
		accident := func(doi, notes string, victims ...map[string]any) map[string]any {
			return map[string]any{"organisation": "OPA", "date_of_information": doi, "accident_type": "mine_erw",
				"date": "2024-03-01", "notes": notes, "victims": victims}
		}
		point := `{"type":"Point","coordinates":[46.2,39.7]}`
		acc := e.approve(e.submit(storetest.Editor, workflow.Input{RecordType: "accident",
			Feature: feature(point, accident("2024-03-01", "", victim("injured")))}))
		correct := func(hid, doi string, props map[string]any) {
			t.Helper()
			cur := e.record(hid)
			e.approve(e.submit(storetest.Editor, workflow.Input{RecordType: cur.Type, RecordID: hid, Version: cur.Version,
				Feature: feature(point, props)}))
		}
		correct(acc.RecordHID, "2024-03-02", accident("2024-03-02", "corrected place", victim("injured")))
		if n := e.count(mineaction.TypeVictim); n != 1 {
			t.Fatalf("after a correction that lists the same victim: %d victims, want 1", n)
		}
		correct(acc.RecordHID, "2024-03-03", accident("2024-03-03", "a second victim found", victim("injured"), victim("killed")))
		if n := e.count(mineaction.TypeVictim); n != 2 {
			t.Fatalf("after a correction that adds a victim: %d victims, want 2", n)
		}

		hid := e.newHazard(square(46.1, 39.6, 0.01), "2024-01-01")
		act := func(doi string, finds int) map[string]any {
			p := activityProps(hid, "clearance", doi, outcome("cleared", square(46.1, 39.6, 0.002)))
			var fs []map[string]any
			for range finds {
				fs = append(fs, map[string]any{"ordnance": "PMN-2", "quantity": 2})
			}
			p["finds"] = fs
			return p
		}
		a := e.approve(e.submit(storetest.Editor, workflow.Input{RecordType: "activity", Feature: feature("", act("2024-02-01", 1))}))
		correct2 := func(doi string, finds int) {
			t.Helper()
			cur := e.record(a.RecordHID)
			e.approve(e.submit(storetest.Editor, workflow.Input{RecordType: "activity", RecordID: a.RecordHID, Version: cur.Version,
				Feature: feature("", act(doi, finds))}))
		}
		correct2("2024-02-02", 1)
		if n := e.count(mineaction.TypeFind); n != 1 {
			t.Fatalf("after a correction that lists the same find: %d finds, want 1", n)
		}
		correct2("2024-02-03", 2)
		if n := e.count(mineaction.TypeFind); n != 2 {
			t.Fatalf("after a correction that adds a find: %d finds, want 2", n)
		}
	})
}
