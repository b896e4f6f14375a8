# METADATA
# title: Project creates the default network automatically
# description: |
#   Unless auto_create_network is false, a new project gets the "default" VPC
#   network with a subnet in every region and firewall rules that admit SSH,
#   RDP and ICMP from the whole Internet. Instances placed in it are exposed
#   before anyone has designed the network.
# related_resources:
#   - https://cloud.google.com/vpc/docs/vpc#default-network
# custom:
#   id: gcp-project-auto-create-network
#   severity: medium
#   kind: terraform
#   resources: [google_project]
#   cwe: [CWE-1188]
#   remediation: Set auto_create_network = false and create purpose-built VPC networks (or enforce the compute.skipDefaultNetworkCreation organization policy).
#   related:
#     kics: [59571246-3f62-4965-a96f-c7d97e269351]
#     checkov: [CKV_GCP_27]
package ward.checks.gcp_project_auto_create_network

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("google_project")
	lib.is_true(r.config.auto_create_network)
	res := lib.result(r, "/auto_create_network", sprintf("%s creates the default network with open firewall rules", [r.name]))
}

deny contains res if {
	some r in lib.resources("google_project")
	lib.missing(r.config, "auto_create_network")
	res := lib.result(r, "", sprintf("%s does not set auto_create_network = false: the default network is created", [r.name]))
}
