# METADATA
# title: RDS automated backups are kept for less than 7 days
# description: |
#   The database keeps automated backups for fewer than 7 days (1 day when
#   backup_retention_period is omitted, none at 0), so corruption, a
#   destructive attack or a bad migration noticed after a weekend can no
#   longer be undone by a point-in-time restore.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html
# custom:
#   id: aws-rds-backup-retention-short
#   severity: medium
#   kind: terraform
#   resources: [aws_db_instance, aws_rds_cluster, module]
#   cwe: [CWE-693]
#   remediation: Set backup_retention_period to 7 or more days (up to 35), and use AWS Backup for longer retention.
#   related:
#     trivy: [AVD-AWS-0077]
package ward.checks.aws_rds_backup_retention_short

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

# Read replicas take no backups of their own by default.
judged contains r if {
	some r in lib.resources_of({"aws_db_instance", "aws_rds_cluster"})
	aws_data.blank(r.config, "replicate_source_db")
	aws_data.blank(r.config, "replication_source_identifier")
}

deny contains res if {
	some r in judged
	lib.missing(r.config, "backup_retention_period")
	res := lib.result(r, "", sprintf("%s keeps automated backups for 1 day (backup_retention_period is not set)", [r.name]))
}

deny contains res if {
	some r in array.concat([x | some x in judged], aws_data.modules("terraform-aws-modules/rds/aws"))
	days := to_number(r.config.backup_retention_period)
	days < 7
	res := lib.result(r, "/backup_retention_period", sprintf("%s keeps automated backups for %d days", [r.name, days]))
}
