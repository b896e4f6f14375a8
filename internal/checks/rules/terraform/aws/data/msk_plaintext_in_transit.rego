# METADATA
# title: MSK cluster allows plaintext traffic
# description: |
#   client_broker = "PLAINTEXT" or "TLS_PLAINTEXT", or in_cluster = false,
#   lets Kafka clients or brokers exchange messages without TLS, so anyone
#   on the network path reads or alters the data in the topics.
# related_resources:
#   - https://docs.aws.amazon.com/msk/latest/developerguide/msk-encryption.html
# custom:
#   id: aws-msk-plaintext-in-transit
#   severity: medium
#   kind: terraform
#   resources: [aws_msk_cluster]
#   cwe: [CWE-319]
#   remediation: Set encryption_in_transit { client_broker = "TLS", in_cluster = true } (the defaults) in the cluster's encryption_info.
#   related:
#     trivy: [AVD-AWS-0073]
package ward.checks.aws_msk_plaintext_in_transit

import rego.v1

import data.ward.lib

transit(r) := lib.block(lib.block(r.config, "encryption_info"), "encryption_in_transit")

deny contains res if {
	some r in lib.resources("aws_msk_cluster")
	mode := transit(r).client_broker
	mode in {"PLAINTEXT", "TLS_PLAINTEXT"}
	ptr := "/encryption_info/0/encryption_in_transit/0/client_broker"
	res := lib.result(r, ptr, sprintf("%s accepts %s client connections", [r.name, mode]))
}

deny contains res if {
	some r in lib.resources("aws_msk_cluster")
	lib.is_false(transit(r).in_cluster)
	ptr := "/encryption_info/0/encryption_in_transit/0/in_cluster"
	res := lib.result(r, ptr, sprintf("%s sends data between brokers unencrypted", [r.name]))
}
