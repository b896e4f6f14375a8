# METADATA
# title: RDS automatic minor version upgrades are disabled
# description: |
#   With auto_minor_version_upgrade = false the database engine stays on its
#   current minor version until someone upgrades it by hand, so security
#   fixes that AWS ships as minor versions are not applied in the
#   maintenance window.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Maintenance.html#USER_UpgradeDBInstance.Maintenance.AutoMinorVersionUpgrades
# custom:
#   id: aws-rds-auto-minor-upgrade-disabled
#   severity: low
#   kind: terraform
#   resources: [aws_db_instance, aws_rds_cluster_instance, aws_rds_cluster, module]
#   cwe: [CWE-1104]
#   remediation: Set auto_minor_version_upgrade = true (the default) and pin only the major engine version.
#   related:
#     kics: [3b6d777b-76e3-4133-80a3-0d6f667ade7f]
#     checkov: [CKV_AWS_226]
package ward.checks.aws_rds_auto_minor_upgrade_disabled

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

judged contains r if some r in lib.resources_of({"aws_db_instance", "aws_rds_cluster_instance", "aws_rds_cluster"})

judged contains r if some r in aws_data.modules("terraform-aws-modules/rds/aws")

judged contains r if some r in aws_data.modules("terraform-aws-modules/rds-aurora/aws")

deny contains res if {
	some r in judged
	lib.is_false(r.config.auto_minor_version_upgrade)
	res := lib.result(r, "/auto_minor_version_upgrade", sprintf("%s does not apply minor engine upgrades automatically", [r.name]))
}
