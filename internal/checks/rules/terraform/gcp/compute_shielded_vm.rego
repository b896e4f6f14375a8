# METADATA
# title: Compute instance does not use all Shielded VM protections
# description: |
#   Shielded VM's Secure Boot refuses unsigned boot components, its vTPM
#   measures the boot, and integrity monitoring alerts when those measurements
#   change. Without them, rootkits and bootkits can persist below the
#   operating system unnoticed. Secure Boot is off unless enabled; vTPM and
#   integrity monitoring are on unless disabled.
# related_resources:
#   - https://cloud.google.com/compute/shielded-vm/docs/shielded-vm
# custom:
#   id: gcp-compute-shielded-vm
#   severity: medium
#   kind: terraform
#   resources: [google_compute_instance, google_compute_instance_template, google_compute_region_instance_template]
#   cwe: [CWE-693]
#   remediation: Add shielded_instance_config { enable_secure_boot = true, enable_vtpm = true, enable_integrity_monitoring = true } and use a Shielded VM image.
#   related:
#     kics: [1b44e234-3d73-41a8-9954-0b154135280e]
#     checkov: [CKV_GCP_39]
package ward.checks.gcp_compute_shielded_vm

import rego.v1

import data.ward.lib
import data.ward.lib.tf_gcp

deny contains res if {
	some r in lib.resources_of(tf_gcp.instance_types)
	count(lib.blocks(r.config, "shielded_instance_config")) == 0
	res := lib.result(r, "", sprintf("%s has no shielded_instance_config: Secure Boot is off", [r.name]))
}

deny contains res if {
	some r in lib.resources_of(tf_gcp.instance_types)
	some i, s in lib.blocks(r.config, "shielded_instance_config")
	lib.missing(s, "enable_secure_boot")
	res := lib.result(r, sprintf("/shielded_instance_config/%d", [i]), sprintf("%s does not enable Secure Boot", [r.name]))
}

deny contains res if {
	some r in lib.resources_of(tf_gcp.instance_types)
	some i, s in lib.blocks(r.config, "shielded_instance_config")
	some attr in ["enable_secure_boot", "enable_vtpm", "enable_integrity_monitoring"]
	lib.is_false(s[attr])
	res := lib.result(r, sprintf("/shielded_instance_config/%d/%s", [i, attr]), sprintf("%s sets %s to false", [r.name, attr]))
}
