package workflow

import (
	"context"
	"fmt"

	"mineaction/internal/mineaction"
)

// resolve checks every reference of rec against the database and returns an
// import issue for each one that is unknown.
func (s *Service) resolve(ctx context.Context, tx mineaction.Tx, rec mineaction.Record) ([]mineaction.Issue, error) {
	var issues []mineaction.Issue
	for _, ref := range rec.Refs() {
		reason, err := s.checkRef(ctx, tx, ref)
		if err != nil {
			return nil, err
		}
		if reason != "" {
			issues = append(issues, mineaction.Issue{Field: ref.Field, Reason: reason})
		}
	}
	return issues, nil
}

// checkRef returns why ref cannot be resolved, or "" if it can.
func (s *Service) checkRef(ctx context.Context, tx mineaction.Tx, ref mineaction.Ref) (string, error) {
	var err error
	switch ref.Kind {
	case mineaction.RefOrganisation:
		_, err = tx.Organisation(ctx, ref.Code)
	case mineaction.RefTeam:
		_, err = tx.Team(ctx, ref.Org, ref.Code)
	case mineaction.RefOrdnance:
		_, err = tx.Ordnance(ctx, ref.Code)
	case mineaction.RefAdminArea:
		_, err = tx.AdminArea(ctx, ref.Code)
	default:
		var r *mineaction.RecordState
		r, err = tx.RecordByHID(ctx, ref.Code)
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
