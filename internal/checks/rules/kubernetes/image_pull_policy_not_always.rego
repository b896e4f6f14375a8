# METADATA
# title: Container image may be reused from the node's cache
# description: |
#   With imagePullPolicy IfNotPresent (the default for tagged images) or
#   Never, a node reuses an image it already has. A mutable tag pushed again
#   is then not picked up, and on shared nodes a pod can run a private image
#   another tenant pulled without presenting registry credentials.
# related_resources:
#   - https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy
# custom:
#   id: k8s-image-pull-policy-not-always
#   severity: low
#   kind: kubernetes
#   resources: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate]
#   cwe: [CWE-284]
#   remediation: Set imagePullPolicy to Always (or reference images by digest), and enable the AlwaysPullImages admission plugin on multi-tenant clusters.
#   related:
#     checkov: [CKV_K8S_15]
package ward.checks.k8s_image_pull_policy_not_always

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some [r, x] in k8s.all_containers
	p := x.c.imagePullPolicy
	p in {"IfNotPresent", "Never"}
	not digest(x)
	res := lib.result(r, sprintf("%s/imagePullPolicy", [x.ptr]), sprintf("%s: container %s has imagePullPolicy %s", [r.name, k8s.name_of(x), p]))
}

deny contains res if {
	some [r, x] in k8s.all_containers
	lib.missing(x.c, "imagePullPolicy")
	img := x.c.image
	is_string(img)
	not k8s.image_digest(img)
	not k8s.image_tag(img) in {"", "latest"}
	res := lib.result(r, x.ptr, sprintf("%s: container %s defaults to imagePullPolicy IfNotPresent for %s", [r.name, k8s.name_of(x), img]))
}

digest(x) if k8s.image_digest(x.c.image)
