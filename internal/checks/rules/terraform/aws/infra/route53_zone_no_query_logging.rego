# METADATA
# title: Route 53 public hosted zone has no query logging
# description: |
#   Without an aws_route53_query_log for a public hosted zone, DNS queries
#   for the domain are not recorded. Query logs reveal reconnaissance,
#   subdomain enumeration and traffic to hosts that should not exist, and
#   help investigate domain abuse.
# related_resources:
#   - https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/query-logs.html
# custom:
#   id: aws-route53-zone-no-query-logging
#   severity: low
#   kind: terraform
#   resources: [aws_route53_zone]
#   cwe: [CWE-778]
#   remediation: Add an aws_route53_query_log for the zone, delivering to a CloudWatch log group in us-east-1.
package ward.checks.aws_route53_zone_no_query_logging

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("aws_route53_zone")
	count(lib.blocks(r.config, "vpc")) == 0
	not lib.referenced_by(r, "aws_route53_query_log")
	res := lib.result(r, "", sprintf("%s (public zone) has no query logging in this module", [r.name]))
}
