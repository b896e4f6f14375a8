# METADATA
# title: DynamoDB table is not encrypted with a customer managed key
# description: |
#   The table is encrypted with an AWS owned or AWS managed key, so access
#   to its data is governed by IAM alone: the owner cannot restrict or
#   revoke decryption through a key policy, nor audit each use of the key.
# related_resources:
#   - https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html
# custom:
#   id: aws-dynamodb-no-cmk
#   severity: low
#   kind: terraform
#   resources: [aws_dynamodb_table]
#   cwe: [CWE-311]
#   remediation: Add server_side_encryption { enabled = true, kms_key_arn = <customer managed key ARN> } to the table.
#   related:
#     checkov: [CKV_AWS_119]
#     trivy: [AVD-AWS-0025]
package ward.checks.aws_dynamodb_no_cmk

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	some r in lib.resources("aws_dynamodb_table")
	p := aws_data.block_off(r.config, "server_side_encryption", "enabled")
	res := lib.result(r, p, sprintf("%s is encrypted with an AWS owned key", [r.name]))
}

deny contains res if {
	some r in lib.resources("aws_dynamodb_table")
	sse := lib.block(r.config, "server_side_encryption")
	lib.is_true(sse.enabled)
	key := object.get(sse, "kms_key_arn", "")
	managed_key(key)
	res := lib.result(r, "/server_side_encryption/0", sprintf("%s is encrypted with the AWS managed key aws/dynamodb", [r.name]))
}

managed_key(k) if k in {"", null}

managed_key(k) if {
	is_string(k)
	endswith(k, "alias/aws/dynamodb")
}
