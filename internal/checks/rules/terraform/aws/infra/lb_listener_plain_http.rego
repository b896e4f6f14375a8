# METADATA
# title: Load balancer listener serves plain HTTP
# description: |
#   An HTTP listener that forwards requests instead of redirecting them to
#   HTTPS carries cookies, credentials and data in clear text over the
#   internet, where anyone on the path can read or alter them.
# related_resources:
#   - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#redirect-actions
# custom:
#   id: aws-lb-listener-plain-http
#   severity: medium
#   kind: terraform
#   resources: [aws_lb_listener, aws_alb_listener, aws_elb]
#   cwe: [CWE-319]
#   remediation: Make the HTTP listener's default_action a redirect with protocol "HTTPS" and status_code "HTTP_301", and serve the application from an HTTPS listener.
#   related:
#     checkov: [CKV_AWS_2]
#     trivy: [AVD-AWS-0054]
package ward.checks.aws_lb_listener_plain_http

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources_of({"aws_lb_listener", "aws_alb_listener"})
	r.config.protocol == "HTTP"
	actions := lib.blocks(r.config, "default_action")
	count(actions) > 0
	not safe(actions)
	res := lib.result(r, "/protocol", sprintf("%s serves HTTP without redirecting to HTTPS", [r.name]))
}

# A redirect to HTTPS or a fixed response sends no content in clear.
safe(actions) if {
	some a in actions
	a.type == "redirect"
	lib.block(a, "redirect").protocol == "HTTPS"
}

safe(actions) if {
	some a in actions
	a.type == "fixed-response"
}

safe(actions) if {
	some a in actions
	not lib.known(a.type)
}

deny contains res if {
	some r in lib.resources("aws_elb")
	some i, l in lib.blocks(r.config, "listener")
	lower(l.lb_protocol) == "http"
	res := lib.result(r, sprintf("/listener/%d/lb_protocol", [i]), sprintf("%s has a plain HTTP listener on port %v", [r.name, l.lb_port]))
}
