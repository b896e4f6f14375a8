package main

# conftest-style string message over a Deployment-like input, Rego v1.
deny contains msg if {
	input.kind == "Deployment"
	some c in input.spec.template.spec.containers
	c.securityContext.privileged == true
	msg := sprintf("container %q is privileged", [c.name])
}

warn_latest contains msg if {
	some c in input.spec.template.spec.containers
	endswith(c.image, ":latest")
	msg := sprintf("container %q uses the latest tag", [c.name])
}

# not a conftest rule: never reported
helper := "ignored"
