package authn

import "time"

// Principal kinds.
const (
	KindKey = "key"
	KindJWT = "jwt"
)

// Principal is an authenticated caller and what it may do.
type Principal struct {
	// KeyID is the Ward key's id ("" for a workload identity).
	KeyID string
	// Subject is a workload identity's subject ("" for a key).
	Subject string
	// Name is the key's name, or the identity's configured name claim.
	Name      string
	Team      string
	Limits    Limits
	ExpiresAt time.Time
	// Kind is KindKey or KindJWT.
	Kind string
	// Lineage is the key's Key.Lineage ("" for a workload identity).
	Lineage string
}

// ID names the principal in counters, the ledger and events: the key's
// id, or "jwt:" and the subject.
func (p *Principal) ID() string {
	if p.Kind == KindJWT {
		return "jwt:" + p.Subject
	}
	return p.KeyID
}

// CounterID names the principal's rate-limit and budget counters: the
// key's lineage (the first key of its rotations, so that rotating never
// refills a budget), or ID when there is none.
func (p *Principal) CounterID() string {
	if p.Kind == KindKey && p.Lineage != "" {
		return p.Lineage
	}
	return p.ID()
}

// PrincipalFromKey is the principal of a stored key.
func PrincipalFromKey(k *Key) *Principal {
	return &Principal{KeyID: k.ID, Name: k.Name, Team: k.Team, Limits: k.Limits, ExpiresAt: k.ExpiresAt, Kind: KindKey,
		Lineage: k.Lineage}
}
