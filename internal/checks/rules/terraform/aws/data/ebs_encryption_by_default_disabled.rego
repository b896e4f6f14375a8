# METADATA
# title: EBS encryption by default is turned off
# description: |
#   aws_ebs_encryption_by_default with enabled = false lets every new volume
#   and snapshot copy in the region be created unencrypted unless each
#   launch asks for encryption, so one forgotten flag leaves a disk readable
#   from its snapshots.
# related_resources:
#   - https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html
# custom:
#   id: aws-ebs-encryption-by-default-disabled
#   severity: medium
#   kind: terraform
#   resources: [aws_ebs_encryption_by_default]
#   cwe: [CWE-311]
#   remediation: Set enabled = true (the default) on aws_ebs_encryption_by_default, optionally with aws_ebs_default_kms_key.
#   related:
#     checkov: [CKV_AWS_106]
package ward.checks.aws_ebs_encryption_by_default_disabled

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("aws_ebs_encryption_by_default")
	lib.is_false(r.config.enabled)
	res := lib.result(r, "/enabled", sprintf("%s turns EBS encryption by default off", [r.name]))
}
