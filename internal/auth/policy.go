// Package auth holds accounts, sessions, API tokens and the one policy that
// decides every action on every record from the caller's roles and
// organisation. Everything is denied unless a rule here allows it.
package auth

import (
	"slices"

	"mineaction/internal/mineaction"
)

// Action is something a caller may try to do.
type Action string

// The actions the policy decides.
const (
	ReadRecords     Action = "read_records"      // approved records and figures
	ReadVictims     Action = "read_victims"      // victim records, one person each
	ReadPersonal    Action = "read_personal"     // a victim's personal data
	ReadReport      Action = "read_report"       // an unapproved or decided report
	CreateReport    Action = "create_report"     // enter a report for an organisation
	EditReport      Action = "edit_report"       // change, delete, submit or withdraw a report
	DecideReport    Action = "decide_report"     // approve or reject
	UndoApproval    Action = "undo_approval"     // undo an approval
	ReadAudit       Action = "read_audit"        // the audit log
	ManageUsers     Action = "manage_users"      // accounts and tokens of others
	ManageReference Action = "manage_reference"  // organisations, admin areas, ordnance
	BulkApprove     Action = "bulk_approve"      // approve an import in bulk
	ReadExact       Action = "read_exact_coords" // exact positions of uncleared hazards and items
)

// Resource is what an action is about. Fields that do not apply are empty.
type Resource struct {
	Organisation string // the organisation that owns the record or report
	CreatedBy    string // the user who entered a report
	// Authors are the users who entered or changed a report's content
	// (mineaction.Report.Authors); CreatedBy counts as one in any case.
	Authors []string
	// Consent flags and the owning organisation of a victim.
	ConsentAuthorities, ConsentNGOs bool
}

// ReportResource is a report as the policy sees it. Every check on a
// report takes its resource from here, so that none forgets its authors.
func ReportResource(r *mineaction.Report) Resource {
	return Resource{Organisation: r.Organisation, CreatedBy: r.CreatedBy, Authors: r.Authors}
}

// authoredBy reports whether user entered or changed the report's content.
func (r Resource) authoredBy(user string) bool {
	return user != "" && (r.CreatedBy == user || slices.Contains(r.Authors, user))
}

// Why says why Allow refuses the action, where there is more to say than
// that the caller's roles do not allow it; "" otherwise. Error messages
// append it.
func Why(c Caller, a Action, r Resource) string {
	if c.Anonymous() || Allow(c, a, r) || !c.Has(mineaction.RoleVerifier) {
		return ""
	}
	switch a {
	case DecideReport:
		if r.authoredBy(c.User) {
			return "you entered or changed its content, so another verifier must decide on it"
		}
	case EditReport:
		return "it was entered by " + r.CreatedBy + "; only its author and the editors of its organisation change it, " +
			"a verifier rejects it with a reason instead"
	}
	return ""
}

// Caller is the principal with the kind of its organisation, which decides
// how victims' consent flags apply.
type Caller struct {
	mineaction.Principal
	OrgKind string // mineaction.OrganisationKind code
}

// Allow reports whether the caller may perform the action on the resource.
// It is the only place where roles are interpreted.
func Allow(c Caller, a Action, r Resource) bool {
	if c.Anonymous() {
		return false
	}
	has := c.Has
	switch a {
	case ReadRecords:
		return has(mineaction.RoleViewer) || has(mineaction.RoleEditor) || has(mineaction.RoleVerifier) ||
			has(mineaction.RoleAdmin) || has(mineaction.RoleVictimAssistance)
	case ReadVictims:
		// A victim record is a person: donors and ministries (viewers) see
		// counts, never persons (DOMAIN.md).
		return has(mineaction.RoleEditor) || has(mineaction.RoleVerifier) || has(mineaction.RoleAdmin) ||
			has(mineaction.RoleVictimAssistance)
	case ReadExact:
		// Operators, verifiers and administrators work with exact positions;
		// a viewer (donors, the public) may be given generalised ones.
		return has(mineaction.RoleEditor) || has(mineaction.RoleVerifier) || has(mineaction.RoleAdmin) ||
			has(mineaction.RoleVictimAssistance)
	case ReadPersonal:
		if !has(mineaction.RoleVictimAssistance) {
			return false
		}
		if r.Organisation != "" && r.Organisation == c.Organisation {
			return true
		}
		switch c.OrgKind {
		case "authority", "ministry", "army":
			return r.ConsentAuthorities
		case "ngo", "commercial", "other":
			return r.ConsentNGOs
		}
		return false
	case ReadReport:
		if has(mineaction.RoleVerifier) || has(mineaction.RoleAdmin) {
			return true
		}
		return has(mineaction.RoleEditor) && (r.Organisation == c.Organisation || r.CreatedBy == c.User)
	case CreateReport:
		if has(mineaction.RoleVerifier) {
			return true
		}
		return has(mineaction.RoleEditor) && c.Organisation != "" && r.Organisation == c.Organisation
	case EditReport:
		// Whoever entered a report may change it, and so may the editors
		// of its organisation (colleagues). A verifier may not change,
		// withdraw, submit or delete another user's report: they reject it
		// with a reason, and its author corrects it.
		if r.CreatedBy == c.User && (has(mineaction.RoleEditor) || has(mineaction.RoleVerifier)) {
			return true
		}
		return has(mineaction.RoleEditor) && c.Organisation != "" && r.Organisation == c.Organisation
	case DecideReport:
		// Entry and verification are different people: nobody approves or
		// rejects a report whose content they entered or changed.
		return has(mineaction.RoleVerifier) && !r.authoredBy(c.User)
	case UndoApproval:
		return has(mineaction.RoleVerifier)
	case ReadAudit:
		return has(mineaction.RoleVerifier) || has(mineaction.RoleAdmin)
	case ManageUsers, ManageReference:
		return has(mineaction.RoleAdmin)
	case BulkApprove:
		return has(mineaction.RoleAdmin)
	}
	return false
}
