# METADATA
# title: Default service account mounts its token automatically
# description: |
#   Every pod that names no service account runs as its namespace's default
#   account. Unless that account sets automountServiceAccountToken: false,
#   all those pods carry its token, and any permission later granted to
#   "default" silently reaches all of them.
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting
# custom:
#   id: k8s-default-service-account-automount
#   severity: low
#   kind: kubernetes
#   resources: [ServiceAccount]
#   cwe: [CWE-1188]
#   remediation: Set automountServiceAccountToken to false on the default ServiceAccount and give workloads that need the API their own service accounts.
package ward.checks.k8s_default_service_account_automount

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("ServiceAccount")
	object.get(r.config, ["metadata", "name"], "") == "default"
	not lib.is_false(object.get(r.config, "automountServiceAccountToken", null))
	ptr := ptr_of(r)
	res := lib.result(r, ptr, sprintf("%s: the default service account does not disable token automounting", [r.name]))
}

ptr_of(r) := "/automountServiceAccountToken" if {
	lib.has(r.config, "automountServiceAccountToken")
} else := "/metadata/name"
