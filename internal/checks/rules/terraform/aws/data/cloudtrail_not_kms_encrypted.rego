# METADATA
# title: CloudTrail logs are not encrypted with a KMS key
# description: |
#   Without kms_key_id the trail's log files are only protected by S3's
#   default encryption, so anyone who can read the bucket can read the audit
#   trail. SSE-KMS adds a key policy that must also allow decryption, and
#   records every use of the key.
# related_resources:
#   - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html
# custom:
#   id: aws-cloudtrail-not-kms-encrypted
#   severity: medium
#   kind: terraform
#   resources: [aws_cloudtrail]
#   cwe: [CWE-311]
#   remediation: Set kms_key_id on the trail to a customer managed KMS key whose policy lets CloudTrail encrypt and only log readers decrypt.
#   related:
#     checkov: [CKV_AWS_35]
#     trivy: [AVD-AWS-0015]
package ward.checks.aws_cloudtrail_not_kms_encrypted

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	some t in lib.resources("aws_cloudtrail")
	aws_data.blank(t.config, "kms_key_id")
	res := lib.result(t, aws_data.ptr_of(t.config, "kms_key_id"), sprintf("%s does not encrypt its logs with a KMS key", [t.name]))
}
