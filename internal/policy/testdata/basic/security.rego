package kubernetes.security

import rego.v1

# object messages with metadata
violation contains {"msg": msg, "id": "K8S-001", "severity": "high", "pointer": ptr} if {
	some i, c in input.spec.template.spec.containers
	not c.securityContext.runAsNonRoot
	msg := sprintf("container %q may run as root", [c.name])
	ptr := sprintf("/spec/template/spec/containers/%d/securityContext/runAsNonRoot", [i])
}

warn contains {"msg": "replicas below 2", "line": 4} if {
	input.spec.replicas < 2
}
