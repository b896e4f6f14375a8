# METADATA
# title: EKS control plane audit logging is not enabled
# description: |
#   EKS sends control plane logs to CloudWatch only for the types listed in
#   enabled_cluster_log_types. Without "api", "audit" and "authenticator"
#   there is no record of who called the Kubernetes API, which identities
#   authenticated, or what they changed, leaving incidents uninvestigable.
# related_resources:
#   - https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html
# custom:
#   id: aws-eks-control-plane-logging
#   severity: medium
#   kind: terraform
#   resources: [aws_eks_cluster]
#   cwe: [CWE-778]
#   remediation: Set enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"] (at least api, audit and authenticator).
#   related:
#     checkov: [CKV_AWS_37]
#     trivy: [AVD-AWS-0038]
package ward.checks.aws_eks_control_plane_logging

import rego.v1

import data.ward.lib

required := {"api", "audit", "authenticator"}

deny contains res if {
	some r in lib.resources("aws_eks_cluster")
	lib.missing(r.config, "enabled_cluster_log_types")
	res := lib.result(r, "", sprintf("%s does not send control plane logs (enabled_cluster_log_types is unset)", [r.name]))
}

deny contains res if {
	some r in lib.resources("aws_eks_cluster")
	types := r.config.enabled_cluster_log_types
	is_array(types)
	every t in types {
		is_string(t)
	}
	missing := required - {t | some t in types}
	count(missing) > 0
	res := lib.result(r, "/enabled_cluster_log_types", sprintf("%s does not log %s", [r.name, concat(", ", sort(missing))]))
}
