package mineaction

import (
	"slices"
	"strings"
	"time"
)

// Role is a set of permissions (DESIGN.md). A user may hold several.
type Role string

// The roles.
const (
	RoleAdmin            Role = "admin"             // users, reference data, settings
	RoleVerifier         Role = "verifier"          // approves and rejects reports
	RoleEditor           Role = "editor"            // enters and submits reports for its organisation
	RoleViewer           Role = "viewer"            // reads approved data
	RoleVictimAssistance Role = "victim_assistance" // may read victims' personal data
)

// Roles lists every role.
var Roles = []Role{RoleAdmin, RoleVerifier, RoleEditor, RoleViewer, RoleVictimAssistance}

// ParseRoles parses a comma-separated list of roles.
func ParseRoles(s string) ([]Role, error) {
	var out []Role
	for _, p := range strings.Split(s, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		r := Role(p)
		if !slices.Contains(Roles, r) {
			return nil, Invalid("role", "unknown role %q; one of admin, verifier, editor, viewer, victim_assistance", p)
		}
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return nil, Invalid("role", "at least one role is required")
	}
	return out, nil
}

// User is a person with an account.
type User struct {
	ID           int64     `json:"-"`
	Name         string    `json:"name"`
	Organisation string    `json:"organisation"`
	Roles        []Role    `json:"roles"`
	PasswordHash string    `json:"-"`
	CreatedAt    time.Time `json:"created_at"`
	Disabled     bool      `json:"disabled,omitempty"`
}

// Token is an API bearer token. Only its hash is stored.
type Token struct {
	ID        int64      `json:"id"`
	User      string     `json:"user"`
	Name      string     `json:"name"`
	Hash      string     `json:"-"`
	Roles     []Role     `json:"roles"` // the scope: a subset of the user's roles
	CreatedAt time.Time  `json:"created_at"`
	ExpiresAt *time.Time `json:"expires_at,omitempty"`
	RevokedAt *time.Time `json:"revoked_at,omitempty"`
}

// Session is a signed-in browser session. Only the hash of its id is stored.
type Session struct {
	Hash      string
	User      string
	CSRF      string
	CreatedAt time.Time
	LastSeen  time.Time
	ExpiresAt time.Time
}

// Principal is the caller of an action: who, for which organisation, with
// which roles. The zero Principal is anonymous.
type Principal struct {
	User         string
	Organisation string
	Roles        []Role
}

// Has reports whether the principal holds role r.
func (p Principal) Has(r Role) bool { return slices.Contains(p.Roles, r) }

// Anonymous reports whether nobody is signed in.
func (p Principal) Anonymous() bool { return p.User == "" }
