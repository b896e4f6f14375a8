# METADATA
# title: API server enables the AlwaysAdmit admission plugin
# description: |
#   AlwaysAdmit accepts every request without any admission check. It is
#   deprecated and, listed among the enabled plugins, signals that admission
#   control is not relied on to enforce policy (Pod Security, quotas,
#   webhooks).
# related_resources:
#   - https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/
# custom:
#   id: k8s-apiserver-always-admit
#   severity: high
#   kind: kubernetes
#   resources: [Pod]
#   cwe: [CWE-285]
#   remediation: Remove AlwaysAdmit from --enable-admission-plugins (and --admission-control).
#   related:
#     kics: [ce30e584-b33f-4c7d-b418-a3d7027f8f60]
package ward.checks.k8s_apiserver_always_admit

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some [r, x] in k8s.control_containers("kube-apiserver")
	some name in ["enable-admission-plugins", "admission-control"]
	some f in k8s.flag(x, name)
	"AlwaysAdmit" in {trim_space(p) | some p in split(f.v, ",")}
	res := lib.result(r, f.ptr, sprintf("%s: kube-apiserver enables the AlwaysAdmit admission plugin", [r.name]))
}
