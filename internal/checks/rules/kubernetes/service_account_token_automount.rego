# METADATA
# title: Service account token is mounted into the pod
# description: |
#   Unless automountServiceAccountToken is false, every container of the pod
#   gets a token of its service account. Most applications never call the
#   Kubernetes API, but an attacker who compromises one can use the token
#   with whatever RBAC permissions the account holds.
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting
# custom:
#   id: k8s-service-account-token-automount
#   severity: medium
#   kind: kubernetes
#   resources: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate, ServiceAccount]
#   cwe: [CWE-1188]
#   remediation: Set automountServiceAccountToken to false in the pod spec (or on its ServiceAccount), and mount a projected token only in pods that call the API.
#   related:
#     kics: [48471392-d4d0-47c0-b135-cdec95eb3eef]
#     checkov: [CKV_K8S_38]
package ward.checks.k8s_service_account_token_automount

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some r in k8s.workloads
	lib.is_true(k8s.pod_spec(r).automountServiceAccountToken)
	res := lib.result(r, sprintf("%s/automountServiceAccountToken", [k8s.pod_ptr(r)]), sprintf("%s: the pod mounts its service account token", [r.name]))
}

deny contains res if {
	some r in k8s.workloads
	spec := k8s.pod_spec(r)
	lib.missing(spec, "automountServiceAccountToken")
	not account_opts_out(r, spec)
	res := lib.result(r, k8s.pod_ptr(r), sprintf("%s: the pod does not disable automounting of the %s service account token", [r.name, k8s.service_account(spec)]))
}

deny contains res if {
	some r in lib.resources("ServiceAccount")
	lib.is_true(r.config.automountServiceAccountToken)
	object.get(r.config, ["metadata", "name"], "") != "default"
	res := lib.result(r, "/automountServiceAccountToken", sprintf("%s: the service account's token is mounted into every pod using it", [r.name]))
}

# account_opts_out holds when the pod's ServiceAccount, defined in the
# same manifest, disables automounting.
account_opts_out(r, spec) if {
	some sa in lib.resources("ServiceAccount")
	object.get(sa.config, ["metadata", "name"], "") == k8s.service_account(spec)
	k8s.namespace(sa) == k8s.namespace(r)
	lib.is_false(sa.config.automountServiceAccountToken)
}
