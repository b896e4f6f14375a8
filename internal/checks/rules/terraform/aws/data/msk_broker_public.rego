# METADATA
# title: MSK brokers are publicly accessible
# description: |
#   public_access type SERVICE_PROVIDED_EIPS gives every Kafka broker of the
#   cluster a public IP address, so topics and their data are reachable from
#   the internet, protected only by client authentication and security
#   groups.
# related_resources:
#   - https://docs.aws.amazon.com/msk/latest/developerguide/public-access.html
# custom:
#   id: aws-msk-broker-public
#   severity: high
#   kind: terraform
#   resources: [aws_msk_cluster]
#   cwe: [CWE-284]
#   remediation: Set connectivity_info { public_access { type = "DISABLED" } } and reach the brokers through the VPC, VPC peering or MSK multi-VPC private connectivity.
#   related:
#     kics: [54378d69-dd7c-4b08-a43e-80d563396857]
#     checkov: [CKV_AWS_291]
package ward.checks.aws_msk_broker_public

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("aws_msk_cluster")
	some i, g in lib.blocks(r.config, "broker_node_group_info")
	some j, c in lib.blocks(g, "connectivity_info")
	some k, p in lib.blocks(c, "public_access")
	p.type == "SERVICE_PROVIDED_EIPS"
	ptr := sprintf("/broker_node_group_info/%d/connectivity_info/%d/public_access/%d/type", [i, j, k])
	res := lib.result(r, ptr, sprintf("%s gives its brokers public IP addresses", [r.name]))
}
