package redact

// The property test with Ward's secret rules (secrets_property_test.go)
// is an external test, the secrets package importing this one; these
// give it the generators and the survivor check.
var (
	Composition = composition
	Survivors   = survivors
)
