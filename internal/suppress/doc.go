// Package suppress decides which findings the user has accepted: inline
// comments (`ward:ignore RULE reason`, `gitleaks:allow`), entries of
// .wardignore.yaml (each with a reason and an optional expiry date), and a
// baseline report whose findings are not reported again.
//
// It never deletes a finding silently: a suppressed finding keeps a record
// of why, and expired or unused ignore entries are reported back.
package suppress
