# METADATA
# title: IAM principal can take over Glue development endpoints
# description: |
#   glue:UpdateDevEndpoint on any endpoint lets the holder add their own SSH
#   public key to an existing Glue development endpoint, log in to it and
#   use the credentials of the role attached to the endpoint, escalating to
#   that role's permissions.
# related_resources:
#   - https://docs.aws.amazon.com/glue/latest/webapi/API_UpdateDevEndpoint.html
# custom:
#   id: aws-iam-privesc-glue-dev-endpoint
#   severity: medium
#   kind: terraform
#   resources: [aws_iam_user, aws_iam_group, aws_iam_role, aws_iam_policy, aws_iam_user_policy, aws_iam_group_policy, aws_iam_role_policy]
#   cwe: [CWE-269]
#   remediation: Remove glue:UpdateDevEndpoint or restrict it to the ARNs of the principal's own development endpoints.
#   related:
#     kics: [8f3c16b3-354d-45db-8ad5-5066778a9485, eda48c88-2b7d-4e34-b6ca-04c0194aee17]
package ward.checks.aws_iam_privesc_glue_dev_endpoint

import rego.v1

import data.ward.lib.aws_infra as iam

deny contains res if {
	some res in iam.escalation_hits(["glue:UpdateDevEndpoint"], "attach an SSH key to Glue development endpoints and use their roles")
}
