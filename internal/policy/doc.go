// Package policy evaluates Rego policies (Open Policy Agent) over one
// input document at a time, the way conftest does: in every package, the
// rules named deny, violation and warn, and their deny_*, violation_* and
// warn_* variants, each produce messages (a string, or an object with a
// "msg" key whose other keys are metadata).
//
// Policies are compiled and their query prepared once, in New; Eval is
// then cheap and safe for concurrent use. Both Rego v1 syntax
// (`deny contains msg if { ... }`) and v0 syntax (`deny[msg] { ... }`) are
// accepted, chosen per file.
//
// The package must never reach the network or the host: the builtins
// http.send, net.lookup_ip_addr and opa.runtime are removed from the
// capabilities the policies compile against, so a policy calling them is a
// compile error, not a request. OPA offers no instruction or step limit
// for rego evaluation; evaluation is bounded by the caller's context
// (cancel or deadline), which OPA checks while it evaluates.
//
// Policy files are trusted configuration, but invalid Rego is always an
// error naming the file, line and column (*CompileError), never a panic.
package policy
