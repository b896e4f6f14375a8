# METADATA
# title: API server runs without pod security admission
# description: |
#   Neither the PodSecurity admission plugin (Kubernetes 1.23 and later, on
#   by default) nor PodSecurityPolicy (older versions) is active, so nothing
#   stops a user who can create pods from creating privileged or
#   host-namespace pods and taking over a node.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-admission/
# custom:
#   id: k8s-apiserver-pod-security-admission-missing
#   severity: high
#   kind: kubernetes
#   resources: [Pod]
#   cwe: [CWE-284]
#   remediation: Keep PodSecurity out of --disable-admission-plugins and label namespaces with pod-security.kubernetes.io/enforce; on versions before 1.23 enable PodSecurityPolicy in --enable-admission-plugins.
#   related:
#     kics: [afa36afb-39fe-4d94-b9b6-afb236f7a03d]
package ward.checks.k8s_apiserver_pod_security_admission_missing

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

# PodSecurity explicitly disabled.
deny contains res if {
	some [r, x] in k8s.control_containers("kube-apiserver")
	not "PodSecurityPolicy" in k8s.admission_enabled(x)
	some f in k8s.flag(x, "disable-admission-plugins")
	"PodSecurity" in {trim_space(p) | some p in split(f.v, ",")}
	res := lib.result(r, f.ptr, sprintf("%s: kube-apiserver disables the PodSecurity admission plugin", [r.name]))
}

# A version before PodSecurity without PodSecurityPolicy enabled.
deny contains res if {
	some [r, x] in k8s.control_containers("kube-apiserver")
	k8s.minor_version(x) < 23
	not "PodSecurityPolicy" in k8s.admission_enabled(x)
	msg := sprintf("%s: kube-apiserver %s predates PodSecurity admission and does not enable PodSecurityPolicy", [r.name, x.c.image])
	res := lib.result(r, k8s.admission_ptr(x), msg)
}
