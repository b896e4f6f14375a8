# METADATA
# title: OpenSearch domain does not publish audit logs
# description: |
#   The domain publishes no AUDIT_LOGS to CloudWatch, so there is no record
#   of who authenticated, which indices they read or changed, and which
#   requests were refused. Audit logs need fine-grained access control.
# related_resources:
#   - https://docs.aws.amazon.com/opensearch-service/latest/developerguide/audit-logs.html
# custom:
#   id: aws-opensearch-audit-logs-disabled
#   severity: low
#   kind: terraform
#   resources: [aws_elasticsearch_domain, aws_opensearch_domain]
#   cwe: [CWE-778]
#   remediation: Enable fine-grained access control (advanced_security_options) and add log_publishing_options { log_type = "AUDIT_LOGS", cloudwatch_log_group_arn = ... } to the domain.
#   related:
#     checkov: [CKV_AWS_317]
package ward.checks.aws_opensearch_audit_logs_disabled

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

# audited: an AUDIT_LOGS publishing option that is not disabled (or one
# Ward cannot read, such as a dynamic block).
audited(r) if {
	some o in lib.blocks(r.config, "log_publishing_options")
	not o.log_type in {"INDEX_SLOW_LOGS", "SEARCH_SLOW_LOGS", "ES_APPLICATION_LOGS"}
	not lib.is_false(object.get(o, "enabled", true))
}

deny contains res if {
	some r in lib.resources_of(aws_data.search_domains)
	not audited(r)
	res := lib.result(r, "", sprintf("%s publishes no audit logs", [r.name]))
}
