# METADATA
# title: Secret exposed to a container as environment variables
# description: |
#   Environment variables are inherited by every child process, printed by
#   crash reporters and debug endpoints, and readable through /proc by
#   processes of the same user. Secrets mounted as files are not, and are
#   updated in place when the Secret changes.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/secrets-good-practices/
#   - https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables
# custom:
#   id: k8s-secret-in-env
#   severity: low
#   kind: kubernetes
#   resources: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate]
#   cwe: [CWE-526]
#   remediation: Mount the Secret as a volume (optionally with items and defaultMode 0400) and have the application read the file.
#   related:
#     kics: [3d658f8b-d988-41a0-a841-40043121de1e]
#     checkov: [CKV_K8S_35]
package ward.checks.k8s_secret_in_env

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some [r, x] in k8s.all_containers
	some i, e in lib.as_list(object.get(x.c, "env", []))
	is_object(e.valueFrom.secretKeyRef)
	ptr := sprintf("%s/env/%d/valueFrom/secretKeyRef", [x.ptr, i])
	res := lib.result(r, ptr, sprintf("%s: container %s reads secret %v into variable %v", [r.name, k8s.name_of(x), object.get(e.valueFrom.secretKeyRef, "name", ""), object.get(e, "name", "")]))
}

deny contains res if {
	some [r, x] in k8s.all_containers
	some i, e in lib.as_list(object.get(x.c, "envFrom", []))
	is_object(e.secretRef)
	ptr := sprintf("%s/envFrom/%d/secretRef", [x.ptr, i])
	res := lib.result(r, ptr, sprintf("%s: container %s loads every key of secret %v into its environment", [r.name, k8s.name_of(x), object.get(e.secretRef, "name", "")]))
}
