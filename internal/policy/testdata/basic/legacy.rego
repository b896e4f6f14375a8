package legacy

# Rego v0 syntax, as older conftest policies are written
deny[msg] {
	input.spec.template.spec.hostNetwork
	msg := "pod uses the host network"
}

deny_no_labels[msg] {
	not input.metadata.labels
	msg = "object has no labels"
}
