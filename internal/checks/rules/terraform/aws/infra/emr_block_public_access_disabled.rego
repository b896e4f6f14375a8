# METADATA
# title: EMR block public access is turned off
# description: |
#   EMR block public access stops clusters from starting when a security
#   group admits 0.0.0.0/0 or ::/0 on ports other than those allowed.
#   Turning it off lets clusters, whose web interfaces and APIs run code
#   without authentication, be exposed to the internet.
# related_resources:
#   - https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-block-public-access.html
# custom:
#   id: aws-emr-block-public-access-disabled
#   severity: high
#   kind: terraform
#   resources: [aws_emr_block_public_access_configuration]
#   cwe: [CWE-284]
#   remediation: Set block_public_security_group_rules = true and allow only port 22 (or nothing) in permitted_public_security_group_rule_range.
package ward.checks.aws_emr_block_public_access_disabled

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("aws_emr_block_public_access_configuration")
	lib.is_false(r.config.block_public_security_group_rules)
	res := lib.result(r, "/block_public_security_group_rules", sprintf("%s turns EMR block public access off", [r.name]))
}
