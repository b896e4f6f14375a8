# Ward's default gate: the scan fails on any finding that is not
# suppressed (inline, .wardignore.yaml with an unexpired entry, the
# baseline, or "unimported": a Go vulnerability whose affected packages
# the module does not import) and is at or above --fail-on (default: low),
# and on any vulnerability nobody rated, since unrated is not harmless.
# A gate of your own can fail on unimported ones too:
# f.suppressed.kind == "unimported".
#
# Replace it with --gate FILE (or scan.gate in .ward.yaml): a policy in
# package ward.gate whose deny rules give the reasons to fail.
package ward.gate

import rego.v1

rank := {"unknown": 0, "info": 1, "low": 2, "medium": 3, "high": 4, "critical": 5}

active contains f if {
	some f in input.findings
	not f.suppressed
}

deny contains msg if {
	some f in active
	rank[f.severity] >= rank[input.fail_on]
	msg := sprintf("%s %s finding %s at %s", [f.severity, f.scanner, f.rule_id, where(f)])
}

deny contains msg if {
	some f in active
	f.scanner == "vuln"
	f.severity == "unknown"
	msg := sprintf("unrated vulnerability %s at %s", [f.rule_id, where(f)])
}

where(f) := sprintf("%s:%d", [f.location.path, f.location.start_line]) if f.location.start_line > 0

else := f.location.path
