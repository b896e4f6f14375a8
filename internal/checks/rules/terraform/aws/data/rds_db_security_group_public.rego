# METADATA
# title: DB security group admits the whole internet
# description: |
#   An aws_db_security_group (EC2-Classic era RDS security group) ingress
#   rule with CIDR 0.0.0.0/0 lets any address on the internet connect to the
#   databases that use the group, leaving only the password to protect the
#   data.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.RDSSecurityGroups.html
# custom:
#   id: aws-rds-db-security-group-public
#   severity: high
#   kind: terraform
#   resources: [aws_db_security_group]
#   cwe: [CWE-284]
#   remediation: Restrict the ingress cidr to the application's networks, or better, replace the DB security group with a VPC security group that admits only the application's security group.
#   related:
#     kics: [f0d8781f-99bf-4958-9917-d39283b168a0]
package ward.checks.aws_rds_db_security_group_public

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("aws_db_security_group")
	some i, rule in lib.blocks(r.config, "ingress")
	lib.cidr_open(rule.cidr)
	res := lib.result(r, sprintf("/ingress/%d/cidr", [i]), sprintf("%s admits %s to the database", [r.name, rule.cidr]))
}
