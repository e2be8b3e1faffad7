package workflow

import (
	"context"
	"fmt"

	"mineaction/internal/mineaction"
)

// lookup reads records by human id for the checks of one report, each once:
// resolving its references and its warnings read the same records (an
// activity's hazard).
type lookup struct {
	tx   mineaction.Tx
	read map[string]lookedUp
}

type lookedUp struct {
	rec *mineaction.RecordState
	err error
}

func newLookup(tx mineaction.Tx) *lookup { return &lookup{tx: tx, read: map[string]lookedUp{}} }

// record returns the record of a human id, as first read in this lookup.
func (l *lookup) record(ctx context.Context, hid string) (*mineaction.RecordState, error) {
	r, ok := l.read[hid]
	if !ok {
		r.rec, r.err = l.tx.RecordByHID(ctx, hid)
		l.read[hid] = r
	}
	return r.rec, r.err
}

// resolve checks every reference of rec against the database and returns an
// import issue for each one that is unknown.
func (s *Service) resolve(ctx context.Context, look *lookup, rec mineaction.Record) ([]mineaction.Issue, error) {
	var issues []mineaction.Issue
	for _, ref := range rec.Refs() {
		reason, err := s.checkRef(ctx, look, ref)
		if err != nil {
			return nil, err
		}
		if reason != "" {
			issues = append(issues, mineaction.Issue{Field: ref.Field, Reason: reason})
		}
	}
	return issues, nil
}

// knownRef reports whether a reference to reference data (an organisation,
// a team, an ordnance type, an admin area) is known to resolve, and if not
// looks it up with find and remembers whether it does.
//
// Only existence is remembered, never the contents, and only of what is
// found: reference data is never deleted (the Store has no way to), so a
// code once found resolves for good, in this process and in any other on
// the same database. The lookup runs in a workflow transaction, which
// never writes reference data, so what it finds is committed. Every report
// is checked when it is entered and again when it is approved, and this
// saves both a read of its organisation.
func (s *Service) knownRef(ref mineaction.Ref, find func() error) error {
	key := string(ref.Kind) + "\x00" + ref.Org + "\x00" + ref.Code
	if _, ok := s.known.Load(key); ok {
		return nil
	}
	err := find()
	if err == nil {
		s.known.Store(key, struct{}{})
	}
	return err
}

// checkRef returns why ref cannot be resolved, or "" if it can.
func (s *Service) checkRef(ctx context.Context, look *lookup, ref mineaction.Ref) (string, error) {
	tx := look.tx
	var err error
	switch ref.Kind {
	case mineaction.RefOrganisation:
		err = s.knownRef(ref, func() error { _, err := tx.Organisation(ctx, ref.Code); return err })
	case mineaction.RefTeam:
		err = s.knownRef(ref, func() error { _, err := tx.Team(ctx, ref.Org, ref.Code); return err })
	case mineaction.RefOrdnance:
		err = s.knownRef(ref, func() error { _, err := tx.Ordnance(ctx, ref.Code); return err })
	case mineaction.RefAdminArea:
		err = s.knownRef(ref, func() error { _, err := tx.AdminArea(ctx, ref.Code); return err })
	default:
		var r *mineaction.RecordState
		r, err = look.record(ctx, ref.Code)
		if err == nil && (r.Deleted || r.Type != ref.Kind.RecordType()) {
			return fmt.Sprintf("no current %s %s", ref.Kind, ref.Code), nil
		}
	}
	switch {
	case err == nil:
		return "", nil
	case mineaction.ErrorKind(err) == mineaction.KindNotFound:
		return fmt.Sprintf("unknown %s %q", ref.Kind, ref.Code), nil
	}
	return "", err
}

// links resolves the record references of rec into foreign keys. With
// current, a reference to a removed record is a conflict: an approval
// checks under the target's lock what resolve checked before it.
func links(ctx context.Context, tx mineaction.Tx, rec mineaction.Record, current bool) ([]mineaction.Link, error) {
	var out []mineaction.Link
	for _, ref := range rec.Refs() {
		if ref.Kind.RecordType() == "" {
			continue
		}
		r, err := tx.RecordByHID(ctx, ref.Code)
		if err != nil {
			return nil, fmt.Errorf("link %s: %w", ref.Field, err)
		}
		if current && r.Deleted {
			return nil, mineaction.Conflictf("%s: %s has been removed", ref.Field, r.HID)
		}
		out = append(out, mineaction.Link{Rel: ref.Kind, Target: r.ID, HID: r.HID})
	}
	return out, nil
}
