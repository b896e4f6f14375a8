# METADATA
# title: EKS cluster does not encrypt Kubernetes secrets with KMS
# description: |
#   Without an encryption_config covering "secrets", Kubernetes Secret
#   objects are stored in etcd protected only by the volume encryption AWS
#   manages. Envelope encryption with a customer KMS key adds a second,
#   auditable layer: reading secrets from an etcd backup or snapshot then
#   also requires access to the key.
# related_resources:
#   - https://docs.aws.amazon.com/eks/latest/userguide/envelope-encryption.html
# custom:
#   id: aws-eks-secrets-encryption-disabled
#   severity: medium
#   kind: terraform
#   resources: [aws_eks_cluster]
#   cwe: [CWE-311]
#   remediation: Add encryption_config { resources = ["secrets"] provider { key_arn = aws_kms_key.eks.arn } } to the cluster.
#   related:
#     kics: [63ebcb19-2739-4d3f-aa5c-e8bbb9b85281]
#     checkov: [CKV_AWS_58]
#     trivy: [AVD-AWS-0039]
package ward.checks.aws_eks_secrets_encryption_disabled

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("aws_eks_cluster")
	lib.missing(r.config, "encryption_config")
	res := lib.result(r, "", sprintf("%s has no encryption_config for Kubernetes secrets", [r.name]))
}

deny contains res if {
	some r in lib.resources("aws_eks_cluster")
	some i, ec in lib.blocks(r.config, "encryption_config")
	rs := ec.resources
	is_array(rs)
	every x in rs {
		is_string(x)
	}
	not "secrets" in rs
	not other_covers(r)
	res := lib.result(r, sprintf("/encryption_config/%d/resources", [i]), sprintf("%s encryption_config does not cover \"secrets\"", [r.name]))
}

other_covers(r) if {
	some ec in lib.blocks(r.config, "encryption_config")
	"secrets" in lib.as_list(ec.resources)
}
