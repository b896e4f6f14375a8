# METADATA
# title: ElastiCache replication group is not encrypted at rest
# description: |
#   The Redis replication group writes its data to disk (swap, backups,
#   snapshots exported to S3) unencrypted. Cached sessions, tokens and
#   personal data in a snapshot are then readable by anyone who obtains it.
#   Encryption at rest can only be chosen at creation.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html
# custom:
#   id: aws-elasticache-at-rest-not-encrypted
#   severity: high
#   kind: terraform
#   resources: [aws_elasticache_replication_group]
#   cwe: [CWE-311]
#   remediation: Set at_rest_encryption_enabled = true (and kms_key_id for a customer managed key) when creating the replication group.
#   related:
#     checkov: [CKV_AWS_29]
#     trivy: [AVD-AWS-0045]
package ward.checks.aws_elasticache_at_rest_not_encrypted

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

# Valkey replication groups are encrypted at rest unless told otherwise.
deny contains res if {
	some r in lib.resources("aws_elasticache_replication_group")
	lib.missing(r.config, "at_rest_encryption_enabled")
	object.get(r.config, "engine", "redis") == "redis"
	res := lib.result(r, "", sprintf("%s does not encrypt its data at rest", [r.name]))
}

deny contains res if {
	some r in lib.resources("aws_elasticache_replication_group")
	lib.is_false(r.config.at_rest_encryption_enabled)
	res := lib.result(r, "/at_rest_encryption_enabled", sprintf("%s does not encrypt its data at rest", [r.name]))
}
