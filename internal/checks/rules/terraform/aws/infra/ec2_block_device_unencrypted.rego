# METADATA
# title: EC2 block device is not encrypted
# description: |
#   An EBS root or data volume declared without encrypted = true is stored
#   unencrypted (unless the account enables EBS encryption by default), and
#   so are its snapshots. Anyone who gains access to a shared or leaked
#   snapshot can read the disk, and compliance regimes require encryption
#   at rest.
# related_resources:
#   - https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html
# custom:
#   id: aws-ec2-block-device-unencrypted
#   severity: medium
#   kind: terraform
#   resources: [aws_instance, aws_launch_template, aws_launch_configuration]
#   cwe: [CWE-311]
#   remediation: Set encrypted = true (optionally with kms_key_id) on every root_block_device, ebs_block_device and launch template ebs block, or enable aws_ebs_encryption_by_default for the region.
#   related:
#     checkov: [CKV_AWS_8]
#     trivy: [AVD-AWS-0131, AVD-AWS-0008]
package ward.checks.aws_ec2_block_device_unencrypted

import rego.v1

import data.ward.lib

# Encryption by default covers every new volume of the region.
default_encryption if {
	some d in lib.resources("aws_ebs_encryption_by_default")
	not lib.is_false(object.get(d.config, "enabled", true))
}

devices contains {"r": r, "b": b, "ptr": sprintf("/%s/%d", [k, i])} if {
	some r in lib.resources_of({"aws_instance", "aws_launch_configuration"})
	some k in ["root_block_device", "ebs_block_device"]
	some i, b in lib.blocks(r.config, k)
}

devices contains {"r": r, "b": e, "ptr": sprintf("/block_device_mappings/%d/ebs/%d", [i, j])} if {
	some r in lib.resources("aws_launch_template")
	some i, m in lib.blocks(r.config, "block_device_mappings")
	some j, e in lib.blocks(m, "ebs")
}

deny contains res if {
	not default_encryption
	some d in devices
	is_object(d.b)
	lib.false_or_missing(d.b, "encrypted")
	lib.missing(d.b, "snapshot_id")
	ptr := encrypted_ptr(d)
	res := lib.result(d.r, ptr, sprintf("%s declares an unencrypted volume (%s)", [d.r.name, trim_prefix(d.ptr, "/")]))
}

encrypted_ptr(d) := sprintf("%s/encrypted", [d.ptr]) if lib.has(d.b, "encrypted")

else := d.ptr
