# METADATA
# title: Container image has no tag or uses latest
# description: |
#   An image without a tag, or tagged latest, resolves to whatever was pushed
#   last: pods of one workload may run different code, a rollback does not
#   roll back, and a compromised or mistaken push reaches production on the
#   next restart. A version tag, better a digest, makes deployments
#   reproducible.
# related_resources:
#   - https://kubernetes.io/docs/concepts/containers/images/#image-names
# custom:
#   id: k8s-image-tag-not-pinned
#   severity: medium
#   kind: kubernetes
#   resources: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate]
#   cwe: [CWE-1357]
#   remediation: Reference the image by an immutable version tag or, better, by digest (image@sha256:...).
#   related:
#     checkov: [CKV_K8S_14]
#     trivy: [AVD-KSV-0013]
package ward.checks.k8s_image_tag_not_pinned

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some [r, x] in k8s.all_containers
	img := x.c.image
	is_string(img)
	not contains(img, "@")
	tag := k8s.image_tag(img)
	tag in {"", "latest"}
	res := lib.result(r, sprintf("%s/image", [x.ptr]), sprintf("%s: container %s uses image %s without a pinned tag", [r.name, k8s.name_of(x), img]))
}
