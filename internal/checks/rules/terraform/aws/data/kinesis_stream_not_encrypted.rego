# METADATA
# title: Kinesis data stream is not encrypted
# description: |
#   Without server-side encryption the stream's records are stored in
#   plaintext for the whole retention period; event streams often carry
#   clickstreams, logs and personal data.
# related_resources:
#   - https://docs.aws.amazon.com/streams/latest/dev/server-side-encryption.html
# custom:
#   id: aws-kinesis-stream-not-encrypted
#   severity: medium
#   kind: terraform
#   resources: [aws_kinesis_stream]
#   cwe: [CWE-311]
#   remediation: Set encryption_type = "KMS" and kms_key_id (alias/aws/kinesis or a customer managed key) on the stream.
#   related:
#     checkov: [CKV_AWS_43]
#     trivy: [AVD-AWS-0064]
package ward.checks.aws_kinesis_stream_not_encrypted

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	some r in lib.resources("aws_kinesis_stream")
	lib.missing(r.config, "encryption_type")
	res := lib.result(r, "", sprintf("%s stores records unencrypted", [r.name]))
}

deny contains res if {
	some r in lib.resources("aws_kinesis_stream")
	r.config.encryption_type == "NONE"
	res := lib.result(r, "/encryption_type", sprintf("%s stores records unencrypted (encryption_type = \"NONE\")", [r.name]))
}
