# METADATA
# title: OpenSearch domain accepts TLS 1.0 and 1.1
# description: |
#   The TLS security policy Policy-Min-TLS-1-0-2019-07 lets clients
#   negotiate TLS 1.0 and 1.1, whose weaknesses allow downgrade and
#   decryption attacks on the traffic to the domain.
# related_resources:
#   - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/infrastructure-security.html
# custom:
#   id: aws-opensearch-tls-outdated
#   severity: medium
#   kind: terraform
#   resources: [aws_elasticsearch_domain, aws_opensearch_domain]
#   cwe: [CWE-326]
#   remediation: Set tls_security_policy = "Policy-Min-TLS-1-2-2019-07" (or a newer TLS 1.2+ policy) in domain_endpoint_options.
#   related:
#     checkov: [CKV_AWS_228]
#     trivy: [AVD-AWS-0126]
package ward.checks.aws_opensearch_tls_outdated

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	some r in lib.resources_of(aws_data.search_domains)
	policy := lib.block(r.config, "domain_endpoint_options").tls_security_policy
	policy == "Policy-Min-TLS-1-0-2019-07"
	res := lib.result(r, "/domain_endpoint_options/0/tls_security_policy", sprintf("%s allows TLS 1.0 (%s)", [r.name, policy]))
}
