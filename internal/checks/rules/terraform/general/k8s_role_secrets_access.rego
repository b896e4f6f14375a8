# METADATA
# title: Role bound to a service account can read secrets
# description: |
#   A Role or ClusterRole that can get, list or watch Secrets, bound to a
#   service account, lets every pod running as that account read the
#   credentials stored in the namespace (or the whole cluster): database
#   passwords, API keys and other service account tokens.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets
# custom:
#   id: tf-k8s-role-secrets-access
#   severity: high
#   kind: terraform
#   resources: [kubernetes_role, kubernetes_role_v1, kubernetes_cluster_role, kubernetes_cluster_role_v1, kubernetes_role_binding, kubernetes_role_binding_v1, kubernetes_cluster_role_binding, kubernetes_cluster_role_binding_v1]
#   cwe: [CWE-269]
#   remediation: Drop "secrets" from the role's rules, or limit the rule to the named secrets the workload needs with resource_names.
#   related:
#     kics: [07fc3413-e572-42f7-9877-5c8fc6fccfb5]
package ward.checks.tf_k8s_role_secrets_access

import rego.v1

import data.ward.lib

role_kinds := {
	"kubernetes_role": "Role", "kubernetes_role_v1": "Role",
	"kubernetes_cluster_role": "ClusterRole", "kubernetes_cluster_role_v1": "ClusterRole",
}

binding_types := {
	"kubernetes_role_binding", "kubernetes_role_binding_v1",
	"kubernetes_cluster_role_binding", "kubernetes_cluster_role_binding_v1",
}

read_verbs := {"get", "list", "watch", "*"}

deny contains res if {
	some r in lib.resources_of(object.keys(role_kinds))
	some i, rule in lib.blocks(r.config, "rule")
	reads_secrets(rule)
	bound_to_service_account(r)
	res := lib.result(r, sprintf("/rule/%d", [i]), sprintf("%s lets a service account read secrets", [r.name]))
}

reads_secrets(rule) if {
	some g in lib.as_list(object.get(rule, "api_groups", [""]))
	g in {"", "*"}
	some kind in lib.as_list(object.get(rule, "resources", []))
	kind in {"secrets", "*"}
	some v in lib.as_list(object.get(rule, "verbs", []))
	v in read_verbs
	count(lib.as_list(object.get(rule, "resource_names", []))) == 0
}

bound_to_service_account(role) if {
	some b in lib.resources_of(binding_types)
	some ref in lib.blocks(b.config, "role_ref")
	ref.kind == role_kinds[role.type]
	names(b, ref, role)
	some s in lib.blocks(b.config, "subject")
	s.kind == "ServiceAccount"
}

# The binding names the role through a reference, its metadata name, or
# the role resource's own label.
names(b, _, role) if lib.refers(b, role)

names(_, ref, role) if {
	some m in lib.blocks(role.config, "metadata")
	ref.name == m.name
}

names(_, ref, role) if {
	parts := split(role.name, ".")
	ref.name == parts[count(parts) - 1]
}
