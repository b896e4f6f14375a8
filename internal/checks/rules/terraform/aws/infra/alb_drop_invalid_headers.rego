# METADATA
# title: Application load balancer forwards invalid HTTP headers
# description: |
#   Unless drop_invalid_header_fields is true, an ALB passes header fields
#   whose names are not valid HTTP tokens to the targets. Backends parse
#   such headers differently from the ALB, which enables request smuggling
#   and header-injection attacks.
# related_resources:
#   - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes
# custom:
#   id: aws-alb-drop-invalid-headers
#   severity: medium
#   kind: terraform
#   resources: [aws_lb, aws_alb]
#   cwe: [CWE-444]
#   remediation: Set drop_invalid_header_fields = true on the load balancer.
#   related:
#     checkov: [CKV_AWS_131]
#     trivy: [AVD-AWS-0052]
package ward.checks.aws_alb_drop_invalid_headers

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources_of({"aws_lb", "aws_alb"})
	object.get(r.config, "load_balancer_type", "application") == "application"
	lib.false_or_missing(r.config, "drop_invalid_header_fields")
	res := lib.result(r, ptr(r), sprintf("%s does not drop invalid HTTP header fields", [r.name]))
}

ptr(r) := "/drop_invalid_header_fields" if lib.has(r.config, "drop_invalid_header_fields")

else := ""
