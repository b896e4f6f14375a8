# METADATA
# title: OpenSearch domain access policy allows everyone
# description: |
#   The access policy of a domain outside any VPC allows Principal "*"
#   without a condition narrowing the caller (such as aws:SourceIp), so
#   anyone on the internet can query, change or delete its indices. Open
#   search clusters are a leading source of mass data leaks.
# related_resources:
#   - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ac.html
# custom:
#   id: aws-opensearch-access-policy-public
#   severity: critical
#   kind: terraform
#   resources: [aws_elasticsearch_domain, aws_opensearch_domain, aws_elasticsearch_domain_policy, aws_opensearch_domain_policy]
#   cwe: [CWE-284]
#   remediation: Place the domain in a VPC (vpc_options), or restrict the policy to named IAM principals or source IP ranges, and enable fine-grained access control.
package ward.checks.aws_opensearch_access_policy_public

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

policy_types := {"aws_elasticsearch_domain_policy", "aws_opensearch_domain_policy"}

# internet_domain holds for a domain outside a VPC.
internet_domain(d) if count(lib.blocks(d.config, "vpc_options")) == 0

judged contains r if {
	some r in lib.resources_of(aws_data.search_domains)
	internet_domain(r)
}

judged contains p if {
	some p in lib.resources_of(policy_types)
	some d in lib.resources_of(aws_data.search_domains)
	aws_data.tied(p, d, "domain_name")
	internet_domain(d)
}

deny contains res if {
	some r in judged
	some s in aws_data.statements(r, "access_policies")
	aws_data.public_allow(s)
	res := lib.result(r, "/access_policies", sprintf("%s allows %v to anyone on the internet", [r.name, s.actions]))
}
