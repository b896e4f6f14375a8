# METADATA
# title: Terraform output has no description
# description: |
#   An output without a description leaves callers of the module guessing
#   what the value is and whether it is sensitive. Descriptions also feed
#   generated module documentation.
# related_resources:
#   - https://developer.hashicorp.com/terraform/language/values/outputs#description-output-value-documentation
# custom:
#   id: tf-output-no-description
#   severity: info
#   kind: terraform
#   resources: [output]
#   cwe: [CWE-1053]
#   remediation: Add a description saying what the output holds.
#   related:
#     kics: [59312e8a-a64e-41e7-a252-618533dd1ea8]
package ward.checks.tf_output_no_description

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("output")
	lib.missing(r.config, "description")
	res := lib.result(r, "", sprintf("%s has no description", [r.name]))
}

deny contains res if {
	some r in lib.resources("output")
	d := r.config.description
	is_string(d)
	trim_space(d) == ""
	res := lib.result(r, "/description", sprintf("%s has an empty description", [r.name]))
}
