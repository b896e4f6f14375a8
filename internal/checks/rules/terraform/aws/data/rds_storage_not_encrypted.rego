# METADATA
# title: RDS database storage is not encrypted
# description: |
#   The DB instance or Aurora/RDS cluster stores its data, logs, backups and
#   snapshots unencrypted. Anyone who obtains a snapshot (shared by mistake,
#   copied by a compromised account) or the underlying storage reads the
#   whole database. Encryption can only be chosen when the database is
#   created.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html
# custom:
#   id: aws-rds-storage-not-encrypted
#   severity: high
#   kind: terraform
#   resources: [aws_db_instance, aws_rds_cluster, module]
#   cwe: [CWE-311]
#   remediation: Set storage_encrypted = true (with kms_key_id for a customer managed key); an existing database must be migrated through an encrypted snapshot copy.
#   related:
#     checkov: [CKV_AWS_16, CKV_AWS_96]
#     trivy: [AVD-AWS-0080, AVD-AWS-0079]
package ward.checks.aws_rds_storage_not_encrypted

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

# Replicas, restores and global cluster members inherit encryption from
# their source; serverless v1 clusters are always encrypted.
inherited := {"replicate_source_db", "snapshot_identifier", "replication_source_identifier", "global_cluster_identifier", "source_db_cluster_identifier"}

judged contains r if {
	some r in lib.resources_of({"aws_db_instance", "aws_rds_cluster"})
	every k in inherited {
		aws_data.blank(r.config, k)
	}
	count(lib.blocks(r.config, "restore_to_point_in_time")) == 0
	count(lib.blocks(r.config, "s3_import")) == 0
	object.get(r.config, "engine_mode", "") != "serverless"
}

deny contains res if {
	some r in judged
	p := aws_data.off(r.config, "storage_encrypted")
	res := lib.result(r, p, sprintf("%s stores its data unencrypted", [r.name]))
}

deny contains res if {
	some m in array.concat(aws_data.modules("terraform-aws-modules/rds/aws"), aws_data.modules("terraform-aws-modules/rds-aurora/aws"))
	lib.is_false(m.config.storage_encrypted)
	res := lib.result(m, "/storage_encrypted", sprintf("%s stores its data unencrypted", [m.name]))
}
