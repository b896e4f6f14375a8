# METADATA
# title: Redshift cluster is publicly accessible
# description: |
#   publicly_accessible = true gives the cluster a public endpoint, so the
#   warehouse is reachable from the internet and protected only by its
#   security group and database passwords.
# related_resources:
#   - https://docs.aws.amazon.com/redshift/latest/mgmt/managing-clusters-vpc.html
# custom:
#   id: aws-redshift-publicly-accessible
#   severity: high
#   kind: terraform
#   resources: [aws_redshift_cluster]
#   cwe: [CWE-284]
#   remediation: Set publicly_accessible = false and reach the cluster from inside the VPC or through a Redshift-managed VPC endpoint.
#   related:
#     checkov: [CKV_AWS_87]
package ward.checks.aws_redshift_publicly_accessible

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("aws_redshift_cluster")
	lib.is_true(r.config.publicly_accessible)
	res := lib.result(r, "/publicly_accessible", sprintf("%s is reachable from the internet (publicly_accessible = true)", [r.name]))
}
