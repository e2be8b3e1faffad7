package exchange

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	"mineaction/internal/auth"
	"mineaction/internal/mineaction"
	"mineaction/internal/workflow"
)

// Result is what an import entered.
type Result struct {
	Hazards, Activities int
	// FirstHID and LastHID are the human ids the hazards were given (empty
	// when they were only submitted).
	FirstHID, LastHID string
	// Reports are the numbers of the reports entered, hazards first.
	FirstReport, LastReport int64
	Approved                bool
}

// Import enters a baseline as author in one transaction: all of it or, at
// the first fault, none. Hazards come first, then each release as an
// activity, by date. With approve, approver (an administrator) approves
// every report through the normal approval path, which computes the land
// release figures; without, the hazards are submitted for review and
// releases cannot be imported (an activity must name an approved hazard).
// progress, if not nil, is called as reports are entered.
func Import(ctx context.Context, wf *workflow.Service, author, approver auth.Caller, approve bool, b *Baseline,
	progress func(done, total int)) (*Result, error) {
	if len(b.Releases) > 0 && !approve {
		return nil, errors.New("releases can only be imported with their hazards approved: an activity must name an approved hazard")
	}
	rels := append([]Release(nil), b.Releases...)
	sort.SliceStable(rels, func(i, j int) bool { return rels[i].Date < rels[j].Date })
	byKey := map[string]int{}
	orgs := make([]string, len(b.Hazards))
	for i, h := range b.Hazards {
		byKey[h.Key] = i
		var f struct {
			Properties struct {
				Organisation string `json:"organisation"`
			} `json:"properties"`
		}
		json.Unmarshal(h.Feature, &f)
		orgs[i] = f.Properties.Organisation
	}
	total := len(b.Hazards) + len(rels)
	reps, err := wf.EnterEach(ctx, author, approver, approve, func(done []*mineaction.Report) (workflow.Input, bool, error) {
		n := len(done)
		if progress != nil && (n%100 == 0 || n == total) {
			progress(n, total)
		}
		if n < len(b.Hazards) {
			return workflow.Input{RecordType: mineaction.TypeHazard, Feature: b.Hazards[n].Feature, Submit: true}, true, nil
		}
		if n == total {
			return workflow.Input{}, false, nil
		}
		r := rels[n-len(b.Hazards)]
		hid, org := r.Hazard, author.Organisation
		if i, ok := byKey[r.Hazard]; ok {
			hid, org = done[i].RecordHID, orgs[i]
		}
		props := map[string]any{"organisation": org, "date_of_information": r.Date, "activity_type": ActivityType(r.Kind),
			"status": "completed", "hazard": hid, "start_date": r.Date, "end_date": r.Date,
			"outcomes": []map[string]any{{"kind": r.Kind, "geometry": r.Geometry}}}
		f, err := json.Marshal(map[string]any{"type": "Feature", "geometry": nil, "properties": props})
		return workflow.Input{RecordType: mineaction.TypeActivity, Feature: f, Submit: true}, true, err
	})
	if err != nil {
		var be *workflow.BatchError
		if errors.As(err, &be) {
			if be.Index < len(b.Hazards) {
				return nil, FeatureErrors{{File: "hazards", Index: b.Hazards[be.Index].Index, Reason: flat(be.Err).Error()}}
			}
			if k := be.Index - len(b.Hazards); k < len(rels) {
				return nil, FeatureErrors{{File: "releases", Index: rels[k].Index, Reason: flat(be.Err).Error()}}
			}
		}
		return nil, err
	}
	res := &Result{Hazards: len(b.Hazards), Activities: len(rels), Approved: approve}
	if len(reps) > 0 {
		res.FirstReport, res.LastReport = reps[0].ID, reps[len(reps)-1].ID
	}
	if approve && len(b.Hazards) > 0 {
		res.FirstHID, res.LastHID = reps[0].RecordHID, reps[len(b.Hazards)-1].RecordHID
	}
	return res, nil
}

// String summarises the result.
func (r *Result) String() string {
	if r.Approved {
		return fmt.Sprintf("%d hazards (%s to %s) and %d activities approved, reports %d to %d",
			r.Hazards, r.FirstHID, r.LastHID, r.Activities, r.FirstReport, r.LastReport)
	}
	return fmt.Sprintf("%d hazards submitted for review, reports %d to %d", r.Hazards, r.FirstReport, r.LastReport)
}
