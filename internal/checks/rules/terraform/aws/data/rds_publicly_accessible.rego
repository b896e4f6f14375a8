# METADATA
# title: RDS database is publicly accessible
# description: |
#   publicly_accessible = true gives the database a public DNS name and IP
#   address, so only its security group and password stand between the
#   internet and the data. Exposed databases are scanned and brute-forced
#   within hours.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding
# custom:
#   id: aws-rds-publicly-accessible
#   severity: high
#   kind: terraform
#   resources: [aws_db_instance, aws_rds_cluster_instance, aws_rds_cluster, module]
#   cwe: [CWE-284]
#   remediation: Set publicly_accessible = false and reach the database from inside the VPC (application subnets, a bastion, SSM port forwarding or a VPN).
#   related:
#     checkov: [CKV_AWS_17]
#     trivy: [AVD-AWS-0180]
package ward.checks.aws_rds_publicly_accessible

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

judged contains r if some r in lib.resources_of({"aws_db_instance", "aws_rds_cluster_instance", "aws_rds_cluster"})

judged contains r if some r in aws_data.modules("terraform-aws-modules/rds/aws")

deny contains res if {
	some r in judged
	lib.is_true(r.config.publicly_accessible)
	res := lib.result(r, "/publicly_accessible", sprintf("%s is reachable from the internet (publicly_accessible = true)", [r.name]))
}
