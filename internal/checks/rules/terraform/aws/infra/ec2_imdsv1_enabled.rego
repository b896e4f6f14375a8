# METADATA
# title: EC2 instance metadata service accepts IMDSv1 requests
# description: |
#   When http_tokens is not "required", the instance metadata service also
#   answers IMDSv1 requests, which need no session token. A server-side
#   request forgery bug or an open proxy on the instance then lets an
#   attacker read the instance role's temporary credentials from
#   169.254.169.254, the technique behind several large cloud breaches.
# related_resources:
#   - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html
# custom:
#   id: aws-ec2-imdsv1-enabled
#   severity: medium
#   kind: terraform
#   resources: [aws_instance, aws_launch_template, aws_launch_configuration, module]
#   cwe: [CWE-918]
#   remediation: Add metadata_options { http_tokens = "required" } (or http_endpoint = "disabled" when the metadata service is not needed), or require IMDSv2 account-wide with aws_ec2_instance_metadata_defaults.
#   related:
#     kics: [c306ac53-ee5b-41d3-86a9-0fd2722b4e67]
#     checkov: [CKV_AWS_79]
#     trivy: [AVD-AWS-0028]
package ward.checks.aws_ec2_imdsv1_enabled

import rego.v1

import data.ward.lib
import data.ward.lib.aws_infra as infra

# account_requires_tokens holds when the module sets the region's default
# to IMDSv2 only.
account_requires_tokens if {
	some d in lib.resources("aws_ec2_instance_metadata_defaults")
	d.config.http_tokens == "required"
}

deny contains res if {
	some r in lib.resources_of({"aws_instance", "aws_launch_template", "aws_launch_configuration"})
	some f in resource_findings(r)
	res := lib.result(r, f.ptr, sprintf("%s %s", [r.name, f.msg]))
}

resource_findings(r) := [{"ptr": "", "msg": "has no metadata_options, so IMDSv1 stays enabled"}] if {
	lib.missing(r.config, "metadata_options")
	not account_requires_tokens
	not from_template(r)
} else := findings(lib.block(r.config, "metadata_options"), "/metadata_options/0")

# findings judges one metadata_options block (or object) at ptr.
findings(mo, ptr) := [{"ptr": sprintf("%s/http_tokens", [ptr]), "msg": "sets http_tokens = \"optional\", which keeps IMDSv1 enabled"}] if {
	not endpoint_disabled(mo)
	mo.http_tokens == "optional"
} else := [{"ptr": ptr, "msg": "sets metadata_options without http_tokens = \"required\", so IMDSv1 stays enabled"}] if {
	not endpoint_disabled(mo)
	lib.missing(mo, "http_tokens")
	not account_requires_tokens
} else := []

endpoint_disabled(mo) if mo.http_endpoint == "disabled"

# An instance launched from a template takes its metadata options from it.
from_template(r) if count(lib.blocks(r.config, "launch_template")) > 0

# Registry modules: ec2-instance (tokens required by default since 5.x)
# and autoscaling (required by default since 9.0; before, no metadata
# options at all unless given).
deny contains res if {
	some r in array.concat(infra.modules("ec2-instance"), infra.modules("autoscaling"))
	some f in module_findings(r)
	res := lib.result(r, f.ptr, sprintf("%s %s", [r.name, f.msg]))
}

module_findings(r) := findings(mo.v, mo.ptr) if {
	mo := infra.object_or_block(r.config, "metadata_options")
	mo.v.http_tokens == "optional"
} else := findings(mo.v, mo.ptr) if {
	mo := infra.object_or_block(r.config, "metadata_options")
	old_defaults(r, true)
} else := [{"ptr": "", "msg": sprintf("uses module version %v, whose default metadata options keep IMDSv1 enabled", [r.config.version])}] if {
	lib.missing(r.config, "metadata_options")
	old_defaults(r, false)
	not account_requires_tokens
} else := []

# old_defaults holds for module versions that leave http_tokens unset:
# autoscaling before 9.0; ec2-instance before 6.0 when metadata_options is
# given (a map replacing the default) or before 5.0 when it is not.
old_defaults(r, _) if {
	infra.module_source(r).name == "autoscaling"
	infra.module_major(r) < 9
}

old_defaults(r, true) if {
	infra.module_source(r).name == "ec2-instance"
	infra.module_major(r) < 6
}

old_defaults(r, false) if {
	infra.module_source(r).name == "ec2-instance"
	infra.module_major(r) < 5
}
