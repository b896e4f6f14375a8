# METADATA
# title: DAX cluster does not encrypt data at rest
# description: |
#   A DynamoDB Accelerator cluster caches table items on its nodes' disks.
#   Without server-side encryption (off by default) that cached data sits
#   unencrypted, even when the table behind it is encrypted.
# related_resources:
#   - https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAXEncryptionAtRest.html
# custom:
#   id: aws-dax-not-encrypted
#   severity: medium
#   kind: terraform
#   resources: [aws_dax_cluster]
#   cwe: [CWE-311]
#   remediation: Add server_side_encryption { enabled = true } when creating the cluster (it cannot be changed later).
#   related:
#     checkov: [CKV_AWS_47]
#     trivy: [AVD-AWS-0023]
package ward.checks.aws_dax_not_encrypted

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	some r in lib.resources("aws_dax_cluster")
	p := aws_data.block_off(r.config, "server_side_encryption", "enabled")
	res := lib.result(r, p, sprintf("%s caches data unencrypted", [r.name]))
}
