# METADATA
# title: ElastiCache replication group does not encrypt traffic
# description: |
#   Without in-transit encryption clients talk to Redis in plaintext, so
#   anyone on the network path reads cached data and, when AUTH is used, the
#   password; AUTH tokens and RBAC also require TLS to be on.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html
# custom:
#   id: aws-elasticache-in-transit-not-encrypted
#   severity: medium
#   kind: terraform
#   resources: [aws_elasticache_replication_group]
#   cwe: [CWE-319]
#   remediation: Set transit_encryption_enabled = true (transit_encryption_mode = "required" once clients use TLS) and connect with TLS.
#   related:
#     checkov: [CKV_AWS_30]
#     trivy: [AVD-AWS-0051]
package ward.checks.aws_elasticache_in_transit_not_encrypted

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	some r in lib.resources("aws_elasticache_replication_group")
	p := aws_data.off(r.config, "transit_encryption_enabled")
	res := lib.result(r, p, sprintf("%s accepts plaintext connections", [r.name]))
}
