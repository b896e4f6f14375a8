# METADATA
# title: Cloud SQL instance has automated backups disabled
# description: |
#   Without automated backups (and point-in-time recovery built on them), a
#   dropped table, a corrupting bug or ransomware that encrypts the data
#   cannot be undone. Backups are off unless enabled.
# related_resources:
#   - https://cloud.google.com/sql/docs/mysql/backup-recovery/backups
# custom:
#   id: gcp-sql-backups-disabled
#   severity: medium
#   kind: terraform
#   resources: [google_sql_database_instance]
#   cwe: [CWE-693]
#   remediation: Add settings.backup_configuration { enabled = true } (with point_in_time_recovery_enabled or binary_log_enabled as the engine allows).
#   related:
#     checkov: [CKV_GCP_14]
package ward.checks.gcp_sql_backups_disabled

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("google_sql_database_instance")
	not replica(r.config)
	some i, s in lib.blocks(r.config, "settings")
	some j, b in lib.blocks(s, "backup_configuration")
	lib.is_false(b.enabled)
	res := lib.result(r, sprintf("/settings/%d/backup_configuration/%d/enabled", [i, j]), sprintf("%s disables automated backups", [r.name]))
}

deny contains res if {
	some r in lib.resources("google_sql_database_instance")
	not replica(r.config)
	some i, s in lib.blocks(r.config, "settings")
	some j, b in lib.blocks(s, "backup_configuration")
	lib.missing(b, "enabled")
	res := lib.result(r, sprintf("/settings/%d/backup_configuration/%d", [i, j]), sprintf("%s does not enable automated backups", [r.name]))
}

deny contains res if {
	some r in lib.resources("google_sql_database_instance")
	not replica(r.config)
	some i, s in lib.blocks(r.config, "settings")
	count(lib.blocks(s, "backup_configuration")) == 0
	res := lib.result(r, sprintf("/settings/%d", [i]), sprintf("%s has no backup_configuration: automated backups are off", [r.name]))
}

# Read replicas are not backed up themselves.
replica(cfg) if not lib.missing(cfg, "master_instance_name")

replica(cfg) if count(lib.blocks(cfg, "replica_configuration")) > 0
