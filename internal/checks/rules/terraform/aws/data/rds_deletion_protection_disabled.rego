# METADATA
# title: RDS database has no deletion protection
# description: |
#   Without deletion protection one API call (or a terraform destroy, or a
#   resource replacement) deletes the database; an attacker with modify
#   rights or a mistaken change loses the data along with its automated
#   backups.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeletionProtection
# custom:
#   id: aws-rds-deletion-protection-disabled
#   severity: medium
#   kind: terraform
#   resources: [aws_db_instance, aws_rds_cluster, module]
#   cwe: [CWE-693]
#   remediation: Set deletion_protection = true on production databases (and keep final snapshots on delete).
#   related:
#     checkov: [CKV_AWS_293, CKV_AWS_139]
#     trivy: [AVD-AWS-0177, AVD-AWS-0343]
package ward.checks.aws_rds_deletion_protection_disabled

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	some r in lib.resources_of({"aws_db_instance", "aws_rds_cluster"})
	p := aws_data.off(r.config, "deletion_protection")
	res := lib.result(r, p, sprintf("%s can be deleted without first disabling deletion protection", [r.name]))
}

deny contains res if {
	some m in array.concat(aws_data.modules("terraform-aws-modules/rds/aws"), aws_data.modules("terraform-aws-modules/rds-aurora/aws"))
	lib.is_false(m.config.deletion_protection)
	res := lib.result(m, "/deletion_protection", sprintf("%s disables deletion protection", [m.name]))
}
