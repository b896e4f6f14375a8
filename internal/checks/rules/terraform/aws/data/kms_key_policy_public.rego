# METADATA
# title: KMS key policy allows everyone
# description: |
#   A key policy statement allowing Principal "*" without a condition that
#   narrows the caller (kms:CallerAccount, aws:PrincipalOrgID,
#   kms:ViaService...) lets any AWS account use or manage the key, and so
#   decrypt whatever it protects.
# related_resources:
#   - https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html
# custom:
#   id: aws-kms-key-policy-public
#   severity: critical
#   kind: terraform
#   resources: [aws_kms_key, aws_kms_key_policy]
#   cwe: [CWE-284]
#   remediation: Name the account root and roles that may use the key as principals, or add a kms:CallerAccount or aws:PrincipalOrgID condition to the statement.
#   related:
#     checkov: [CKV_AWS_33]
package ward.checks.aws_kms_key_policy_public

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	some r in lib.resources_of({"aws_kms_key", "aws_kms_key_policy"})
	some s in aws_data.statements(r, "policy")
	aws_data.public_allow(s)
	res := lib.result(r, "/policy", sprintf("%s's key policy allows %v to any principal", [r.name, s.actions]))
}
