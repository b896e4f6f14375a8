# METADATA
# title: Compute instance enables the interactive serial console
# description: |
#   The interactive serial console accepts logins from any address that can
#   reach the Google Cloud API with the right key, bypassing the network
#   firewall, and does not honour IP-based restrictions. It should be on only
#   while debugging a specific instance.
# related_resources:
#   - https://cloud.google.com/compute/docs/troubleshooting/troubleshooting-using-serial-console
# custom:
#   id: gcp-compute-serial-port
#   severity: medium
#   kind: terraform
#   resources: [google_compute_instance, google_compute_instance_template, google_compute_project_metadata, google_compute_project_metadata_item]
#   cwe: [CWE-284]
#   remediation: Remove the serial-port-enable metadata key (or set it to "false"), and enforce the compute.disableSerialPortAccess organization policy.
#   related:
#     checkov: [CKV_GCP_35]
package ward.checks.gcp_compute_serial_port

import rego.v1

import data.ward.lib
import data.ward.lib.tf_gcp

deny contains res if {
	some x in tf_gcp.metadata_values("serial-port-enable")
	lib.is_true(x.v)
	res := lib.result(x.r, x.ptr, sprintf("%s enables the interactive serial console", [x.r.name]))
}
