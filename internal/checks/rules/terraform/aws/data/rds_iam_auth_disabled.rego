# METADATA
# title: RDS IAM database authentication is disabled
# description: |
#   Without IAM database authentication every client logs in with a
#   long-lived database password that ends up in configuration, environment
#   variables and CI secrets. IAM authentication issues 15-minute tokens tied
#   to IAM identities, so access is revocable and audited in CloudTrail.
#   Only MySQL, MariaDB, PostgreSQL and Aurora engines are judged.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html
# custom:
#   id: aws-rds-iam-auth-disabled
#   severity: low
#   kind: terraform
#   resources: [aws_db_instance, aws_rds_cluster]
#   cwe: [CWE-798]
#   remediation: Set iam_database_authentication_enabled = true and have applications connect with IAM authentication tokens instead of stored passwords.
#   related:
#     checkov: [CKV_AWS_161, CKV_AWS_162]
#     trivy: [AVD-AWS-0176]
package ward.checks.aws_rds_iam_auth_disabled

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

supported(r) if regex.match(`^(mysql|mariadb|postgres|aurora)`, r.config.engine)

# A cluster without engine is Aurora MySQL.
supported(r) if {
	r.type == "aws_rds_cluster"
	lib.missing(r.config, "engine")
}

deny contains res if {
	some r in lib.resources_of({"aws_db_instance", "aws_rds_cluster"})
	supported(r)
	aws_data.blank(r.config, "replicate_source_db")
	p := aws_data.off(r.config, "iam_database_authentication_enabled")
	res := lib.result(r, p, sprintf("%s accepts password logins only (IAM authentication is off)", [r.name]))
}
