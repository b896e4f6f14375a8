# METADATA
# title: Variable that looks like a credential is not marked sensitive
# description: |
#   Terraform shows the values of variables not marked sensitive in plan
#   output, in diagnostics and wherever they flow into resource attributes,
#   so passwords and keys passed as variables leak into CI logs. Marking the
#   variable sensitive redacts it everywhere it is used.
# related_resources:
#   - https://developer.hashicorp.com/terraform/language/values/variables#suppressing-values-in-cli-output
# custom:
#   id: tf-variable-secret-not-sensitive
#   severity: low
#   kind: terraform
#   resources: [variable]
#   cwe: [CWE-532]
#   remediation: Add sensitive = true to the variable.
package ward.checks.tf_variable_secret_not_sensitive

import rego.v1

import data.ward.lib
import data.ward.lib.tf_general

deny contains res if {
	some r in lib.resources("variable")
	name := tf_general.label(r)
	tf_general.secret_name(name)
	lib.false_or_missing(r.config, "sensitive")
	not flag(object.get(r.config, "default", null))
	res := lib.result(r, ptr(r.config), sprintf("%s looks like a credential but is not marked sensitive", [r.name]))
}

# Booleans and numbers ("create_access_key = true", "token_ttl = 3600")
# are settings, not credentials.
flag(v) if is_boolean(v)

flag(v) if is_number(v)

ptr(cfg) := "/sensitive" if lib.has(cfg, "sensitive")

else := ""
