# METADATA
# title: EC2 user data contains a credential assignment
# description: |
#   User data is readable by anyone who can describe the instance or launch
#   template, by every process on the instance through the metadata
#   service, and is stored in Terraform state. A password, token or AWS key
#   assigned in it is effectively published to all of them.
# related_resources:
#   - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html
# custom:
#   id: aws-ec2-user-data-secrets
#   severity: high
#   kind: terraform
#   resources: [aws_instance, aws_launch_template, aws_launch_configuration]
#   cwe: [CWE-798]
#   remediation: Fetch secrets at boot from AWS Secrets Manager or SSM Parameter Store using the instance role, and keep only references in user data.
#   related:
#     checkov: [CKV_AWS_46]
package ward.checks.aws_ec2_user_data_secrets

import rego.v1

import data.ward.lib
import data.ward.lib.aws_infra as infra

# An assignment (NAME=value, NAME: value, export NAME="value") of a
# secret-looking name to a literal that is not a shell expansion.
assignment_re := `(?im)^\s*(?:export\s+|set\s+)?["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*[=:]\s*["']?([^\s"'$({][^\s"']*)`

deny contains res if {
	some r in lib.resources_of({"aws_instance", "aws_launch_template", "aws_launch_configuration"})
	text := user_data(r)
	names := {m[1] |
		some m in regex.find_all_string_submatch_n(assignment_re, text, -1)
		infra.secret_like_name(m[1])
		infra.literal_secret_value(m[2])
	}
	count(names) > 0
	res := lib.result(r, "/user_data", sprintf("%s user data assigns a literal value to %s", [r.name, concat(", ", names)]))
}

user_data(r) := base64.decode(r.config.user_data) if {
	r.type == "aws_launch_template"
	is_string(r.config.user_data)
	base64.is_valid(r.config.user_data)
} else := r.config.user_data if {
	is_string(r.config.user_data)
}
