# METADATA
# title: PodSecurityPolicy allows privilege escalation
# description: |
#   A PodSecurityPolicy that does not set allowPrivilegeEscalation to false
#   (the field defaults to true) admits containers without the no_new_privs
#   flag, so setuid binaries can raise a compromised process's privileges.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-policy/#privilege-escalation
# custom:
#   id: k8s-psp-privilege-escalation
#   severity: medium
#   kind: kubernetes
#   resources: [PodSecurityPolicy]
#   cwe: [CWE-269]
#   remediation: Set allowPrivilegeEscalation (and defaultAllowPrivilegeEscalation) to false in the policy.
#   related:
#     kics: [87554eef-154d-411d-bdce-9dbd91e56851]
package ward.checks.k8s_psp_privilege_escalation

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("PodSecurityPolicy")
	lib.is_true(r.config.spec.allowPrivilegeEscalation)
	res := lib.result(r, "/spec/allowPrivilegeEscalation", sprintf("%s allows privilege escalation", [r.name]))
}

deny contains res if {
	some r in lib.resources("PodSecurityPolicy")
	lib.missing(object.get(r.config, "spec", {}), "allowPrivilegeEscalation")
	res := lib.result(r, "/spec", sprintf("%s allows privilege escalation (allowPrivilegeEscalation defaults to true)", [r.name]))
}
