# METADATA
# title: AdministratorAccess managed policy is attached
# description: |
#   The AWS managed policy AdministratorAccess allows every action on every
#   resource. Attaching it to a user, group or role makes that principal an
#   account administrator; for roles used by workloads or CI, any compromise
#   of the workload is a compromise of the account.
# related_resources:
#   - https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html
# custom:
#   id: aws-iam-admin-policy-attached
#   severity: high
#   kind: terraform
#   resources: [aws_iam_policy_attachment, aws_iam_user_policy_attachment, aws_iam_group_policy_attachment, aws_iam_role_policy_attachment, aws_iam_role, aws_iam_role_policy_attachments_exclusive]
#   cwe: [CWE-269]
#   remediation: Attach a policy limited to the actions and resources the principal needs; reserve AdministratorAccess for break-glass roles that require MFA.
#   related:
#     trivy: [AVD-AWS-0057]
package ward.checks.aws_iam_admin_policy_attached

import rego.v1

import data.ward.lib

admin_arn(a) if {
	is_string(a)
	regex.match(`^arn:aws[a-z-]*:iam::aws:policy/AdministratorAccess$`, a)
}

deny contains res if {
	some r in lib.resources_of({"aws_iam_policy_attachment", "aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment", "aws_iam_role_policy_attachment"})
	admin_arn(r.config.policy_arn)
	res := lib.result(r, "/policy_arn", sprintf("%s attaches AdministratorAccess", [r.name]))
}

deny contains res if {
	some r in lib.resources_of({"aws_iam_role", "aws_iam_role_policy_attachments_exclusive"})
	some k in ["managed_policy_arns", "policy_arns"]
	some i, a in lib.as_list(object.get(r.config, k, []))
	admin_arn(a)
	res := lib.result(r, sprintf("/%s/%d", [k, i]), sprintf("%s attaches AdministratorAccess", [r.name]))
}
