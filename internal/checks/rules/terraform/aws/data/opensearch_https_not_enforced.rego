# METADATA
# title: OpenSearch domain does not enforce HTTPS
# description: |
#   The domain's endpoint also answers plain HTTP, so queries, the documents
#   they return and the credentials or signed requests of clients can be read
#   on the network. Domains created without domain_endpoint_options accept
#   HTTP.
# related_resources:
#   - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/infrastructure-security.html
# custom:
#   id: aws-opensearch-https-not-enforced
#   severity: medium
#   kind: terraform
#   resources: [aws_elasticsearch_domain, aws_opensearch_domain]
#   cwe: [CWE-319]
#   remediation: Add domain_endpoint_options { enforce_https = true, tls_security_policy = "Policy-Min-TLS-1-2-2019-07" } to the domain.
#   related:
#     checkov: [CKV_AWS_83]
#     trivy: [AVD-AWS-0046]
package ward.checks.aws_opensearch_https_not_enforced

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	some r in lib.resources_of(aws_data.search_domains)
	count(lib.blocks(r.config, "domain_endpoint_options")) == 0
	res := lib.result(r, "", sprintf("%s accepts HTTP (no domain_endpoint_options)", [r.name]))
}

deny contains res if {
	some r in lib.resources_of(aws_data.search_domains)
	lib.is_false(lib.block(r.config, "domain_endpoint_options").enforce_https)
	res := lib.result(r, "/domain_endpoint_options/0/enforce_https", sprintf("%s accepts HTTP (enforce_https = false)", [r.name]))
}
