# METADATA
# title: Kubelet does not manage its iptables chains
# description: |
#   With makeIPTablesUtilChains false the kubelet stops maintaining the
#   iptables chains it relies on (for instance to drop martian packets and
#   for hostPort and network plugin rules), leaving node networking to drift
#   out of a known state.
# related_resources:
#   - https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/
# custom:
#   id: k8s-kubelet-iptables-chains-disabled
#   severity: low
#   kind: kubernetes
#   resources: [Pod, KubeletConfiguration]
#   cwe: [CWE-1188]
#   remediation: Remove --make-iptables-util-chains=false and makeIPTablesUtilChains set to false (the default is true).
#   related:
#     kics: [5f89001f-6dd9-49ff-9b15-d8cd71b617f4]
package ward.checks.k8s_kubelet_iptables_chains_disabled

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some [r, x] in k8s.control_containers("kubelet")
	some f in k8s.flag(x, "make-iptables-util-chains")
	lib.is_false(f.v)
	res := lib.result(r, f.ptr, sprintf("%s: kubelet runs with --make-iptables-util-chains=false", [r.name]))
}

deny contains res if {
	some r in k8s.kubelet_configs
	lib.is_false(r.config.makeIPTablesUtilChains)
	res := lib.result(r, "/makeIPTablesUtilChains", sprintf("%s sets makeIPTablesUtilChains to false", [r.name]))
}
