# METADATA
# title: Output that looks like a credential is not marked sensitive
# description: |
#   Terraform prints every output not marked sensitive at the end of plan and
#   apply, so a password, key or token exported as an output ends up in CI
#   logs and terminal scrollback. Marking it sensitive hides it from that
#   output (it is still stored in the state, which must be protected).
# related_resources:
#   - https://developer.hashicorp.com/terraform/language/values/outputs#sensitive-suppressing-values-in-cli-output
# custom:
#   id: tf-output-secret-not-sensitive
#   severity: medium
#   kind: terraform
#   resources: [output]
#   cwe: [CWE-532]
#   remediation: Add sensitive = true to the output (and to the variables it is built from).
package ward.checks.tf_output_secret_not_sensitive

import rego.v1

import data.ward.lib
import data.ward.lib.tf_general

deny contains res if {
	some r in lib.resources("output")
	name := tf_general.label(r)
	tf_general.secret_name(name)
	lib.false_or_missing(r.config, "sensitive")
	not is_boolean(r.config.value)
	not is_number(r.config.value)
	res := lib.result(r, ptr(r.config), sprintf("%s looks like a credential but is not marked sensitive", [r.name]))
}

ptr(cfg) := "/sensitive" if lib.has(cfg, "sensitive")

else := ""
