package main

# Three rules for BenchmarkEval.
deny contains msg if {
	some c in input.spec.template.spec.containers
	c.securityContext.privileged == true
	msg := sprintf("container %q is privileged", [c.name])
}

violation contains {"msg": "pod uses the host network", "id": "K8S-002"} if {
	input.spec.template.spec.hostNetwork
}

warn contains msg if {
	some c in input.spec.template.spec.containers
	endswith(c.image, ":latest")
	msg := sprintf("container %q uses the latest tag", [c.name])
}
