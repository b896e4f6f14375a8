# METADATA
# title: IAM role can be assumed by any AWS principal
# description: |
#   A trust policy whose Principal is "*" (or an AWS principal that names no
#   account) without a restricting Condition lets any AWS identity, in any
#   account, assume the role and use its permissions. Attackers enumerate
#   such roles by ARN.
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
# custom:
#   id: aws-iam-role-trust-any-principal
#   severity: high
#   kind: terraform
#   resources: [aws_iam_role, data.aws_iam_policy_document]
#   cwe: [CWE-284]
#   remediation: Name the trusted accounts, roles or services in the trust policy's Principal, or add a Condition such as aws:PrincipalOrgID or sts:ExternalId.
#   related:
#     kics: [12b7e704-37f0-4d1e-911a-44bf60c48c21]
package ward.checks.aws_iam_role_trust_any_principal

import rego.v1

import data.ward.lib
import data.ward.lib.aws_infra as iam

deny contains res if {
	some r in lib.resources("aws_iam_role")
	some s in iam.json_statements(iam.json_policy(r.config.assume_role_policy), "/assume_role_policy")
	some id in open_principals(s)
	res := lib.result(r, s.principal_ptr, sprintf("%s trusts principal %q, so any AWS identity can assume it", [r.name, id]))
}

# Trust statements written as policy documents.
deny contains res if {
	some r in lib.resources("data.aws_iam_policy_document")
	some s in iam.doc_statements(r)
	some a in s.actions
	startswith(lower(a), "sts:assumerole")
	some id in open_principals(s)
	res := lib.result(r, s.ptr, sprintf("%s trusts principal %q, so any AWS identity can assume the role", [r.name, id]))
}

open_principals(s) := {p.id |
	iam.allows(s)
	not s.condition
	some p in s.principals
	p.type in {"*", "AWS"}
	any_account(p.id)
}

# any_account holds for "*" and for role/root ARNs without an account.
any_account("*")

any_account(id) if regex.match(`^arn:aws[a-z-]*:iam::(\*)?:`, id)

any_account(id) if regex.match(`^arn:aws[a-z-]*:iam::(\*:)?root$`, id)
