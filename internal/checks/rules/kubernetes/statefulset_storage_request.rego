# METADATA
# title: StatefulSet provisions persistent volumes
# description: |
#   Each volumeClaimTemplate with a storage request creates a
#   PersistentVolume per replica. The volumes outlive the pods (and, by
#   default, the StatefulSet), so the data they hold needs the same
#   attention as a database, storage class encryption, backups and retention
#   included. This is informational.
# related_resources:
#   - https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#persistentvolumeclaim-retention
# custom:
#   id: k8s-statefulset-storage-request
#   severity: info
#   kind: kubernetes
#   resources: [StatefulSet]
#   cwe: [CWE-1188]
#   remediation: Use a storage class with encryption at rest, back the volumes up, and set persistentVolumeClaimRetentionPolicy to match how long the data must live.
#   related:
#     kics: [8cf4671a-cf3d-46fc-8389-21e7405063a2]
package ward.checks.k8s_statefulset_storage_request

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("StatefulSet")
	some i, t in lib.as_list(object.get(r.config, ["spec", "volumeClaimTemplates"], []))
	size := t.spec.resources.requests.storage
	ptr := sprintf("/spec/volumeClaimTemplates/%d/spec/resources/requests/storage", [i])
	res := lib.result(r, ptr, sprintf("%s claims %v of persistent storage per replica (template %v)", [r.name, size, object.get(t, ["metadata", "name"], i)]))
}
