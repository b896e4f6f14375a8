# METADATA
# title: Terraform variable has no description
# description: |
#   A variable without a description leaves users of the module guessing what
#   value it expects, its units and its security impact (a CIDR to allow, a
#   flag that disables encryption). Descriptions also feed generated module
#   documentation.
# related_resources:
#   - https://developer.hashicorp.com/terraform/language/values/variables#input-variable-documentation
# custom:
#   id: tf-variable-no-description
#   severity: info
#   kind: terraform
#   resources: [variable]
#   cwe: [CWE-1053]
#   remediation: Add a description that says what the variable controls and which values are safe.
#   related:
#     kics: [2a153952-2544-4687-bcc9-cc8fea814a9b]
package ward.checks.tf_variable_no_description

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("variable")
	lib.missing(r.config, "description")
	res := lib.result(r, "", sprintf("%s has no description", [r.name]))
}

deny contains res if {
	some r in lib.resources("variable")
	d := r.config.description
	is_string(d)
	trim_space(d) == ""
	res := lib.result(r, "/description", sprintf("%s has an empty description", [r.name]))
}
