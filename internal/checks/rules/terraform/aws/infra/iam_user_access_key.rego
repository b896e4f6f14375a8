# METADATA
# title: IAM user is given a long-lived access key
# description: |
#   An aws_iam_access_key creates permanent credentials that work from
#   anywhere until someone rotates or deletes them; they leak through
#   laptops, CI logs and repositories. Terraform also stores the secret in
#   its state, in plain text unless pgp_key is set.
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html
# custom:
#   id: aws-iam-user-access-key
#   severity: low
#   kind: terraform
#   resources: [aws_iam_access_key]
#   cwe: [CWE-798]
#   remediation: Use roles with temporary credentials (instance profiles, IRSA, OIDC federation for CI) instead of access keys; if a key is unavoidable, set pgp_key and rotate it.
package ward.checks.aws_iam_user_access_key

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("aws_iam_access_key")
	object.get(r.config, "status", "Active") != "Inactive"
	res := lib.result(r, "", sprintf("%s creates a long-lived access key%s", [r.name, state_note(r)]))
}

state_note(r) := " whose secret is stored unencrypted in Terraform state" if lib.missing(r.config, "pgp_key")

else := ""
