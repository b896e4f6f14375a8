# METADATA
# title: SNS topic policy allows everyone
# description: |
#   A topic policy statement allowing Principal "*" without a condition on
#   the caller (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID...) lets
#   anyone publish forged messages to the topic's subscribers, or subscribe
#   and receive every message.
# related_resources:
#   - https://docs.aws.amazon.com/sns/latest/dg/sns-security-best-practices.html
# custom:
#   id: aws-sns-topic-policy-public
#   severity: high
#   kind: terraform
#   resources: [aws_sns_topic, aws_sns_topic_policy]
#   cwe: [CWE-284]
#   remediation: Name the principals (accounts, roles, service principals) in the policy, and for service principals add aws:SourceArn or aws:SourceAccount conditions.
#   related:
#     checkov: [CKV_AWS_169]
package ward.checks.aws_sns_topic_policy_public

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	some r in lib.resources_of({"aws_sns_topic", "aws_sns_topic_policy"})
	some s in aws_data.statements(r, "policy")
	aws_data.public_allow(s)
	res := lib.result(r, "/policy", sprintf("%s's policy allows %v to any principal", [r.name, s.actions]))
}
