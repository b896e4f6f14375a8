# METADATA
# title: OpenSearch domain does not encrypt node-to-node traffic
# description: |
#   Without node-to-node encryption the nodes of the Elasticsearch or
#   OpenSearch domain exchange index data and queries in plaintext inside
#   the VPC, where anyone able to capture traffic can read it. It is off by
#   default and also required for fine-grained access control.
# related_resources:
#   - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html
# custom:
#   id: aws-opensearch-node-to-node-encryption-disabled
#   severity: medium
#   kind: terraform
#   resources: [aws_elasticsearch_domain, aws_opensearch_domain]
#   cwe: [CWE-319]
#   remediation: Add node_to_node_encryption { enabled = true } to the domain.
#   related:
#     kics: [967eb3e6-26fc-497d-8895-6428beb6e8e2]
#     checkov: [CKV_AWS_6]
#     trivy: [AVD-AWS-0043]
package ward.checks.aws_opensearch_node_to_node_encryption_disabled

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	some r in lib.resources_of(aws_data.search_domains)
	p := aws_data.block_off(r.config, "node_to_node_encryption", "enabled")
	res := lib.result(r, p, sprintf("%s sends data between its nodes unencrypted", [r.name]))
}
