# METADATA
# title: DynamoDB table has no point-in-time recovery
# description: |
#   Without point-in-time recovery a table that is overwritten or emptied,
#   by a bug, a bad deploy or an attacker with write access, cannot be
#   restored to the moment before; only on-demand backups taken by hand
#   remain.
# related_resources:
#   - https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html
# custom:
#   id: aws-dynamodb-pitr-disabled
#   severity: medium
#   kind: terraform
#   resources: [aws_dynamodb_table, module]
#   cwe: [CWE-693]
#   remediation: Add point_in_time_recovery { enabled = true } to the table (point_in_time_recovery_enabled = true in the dynamodb-table module).
#   related:
#     checkov: [CKV_AWS_28]
#     trivy: [AVD-AWS-0024]
package ward.checks.aws_dynamodb_pitr_disabled

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	some r in lib.resources("aws_dynamodb_table")
	p := aws_data.block_off(r.config, "point_in_time_recovery", "enabled")
	res := lib.result(r, p, sprintf("%s cannot be restored to a point in time", [r.name]))
}

deny contains res if {
	some m in aws_data.modules("terraform-aws-modules/dynamodb-table/aws")
	lib.is_false(m.config.point_in_time_recovery_enabled)
	res := lib.result(m, "/point_in_time_recovery_enabled", sprintf("%s disables point-in-time recovery", [m.name]))
}
