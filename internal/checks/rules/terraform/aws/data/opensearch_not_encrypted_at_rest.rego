# METADATA
# title: OpenSearch domain is not encrypted at rest
# description: |
#   The Elasticsearch or OpenSearch domain stores its indices, logs, swap
#   and automated snapshots unencrypted. Search clusters often hold copies of
#   application data and logs with personal data or secrets.
# related_resources:
#   - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html
# custom:
#   id: aws-opensearch-not-encrypted-at-rest
#   severity: high
#   kind: terraform
#   resources: [aws_elasticsearch_domain, aws_opensearch_domain]
#   cwe: [CWE-311]
#   remediation: Add encrypt_at_rest { enabled = true } (with kms_key_id for a customer managed key) to the domain.
#   related:
#     checkov: [CKV_AWS_5]
#     trivy: [AVD-AWS-0048]
package ward.checks.aws_opensearch_not_encrypted_at_rest

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	some r in lib.resources_of(aws_data.search_domains)
	p := aws_data.block_off(r.config, "encrypt_at_rest", "enabled")
	res := lib.result(r, p, sprintf("%s stores its indices unencrypted", [r.name]))
}
