# METADATA
# title: Load balancer listener uses a TLS policy allowing TLS 1.0 or 1.1
# description: |
#   ELB security policies such as ELBSecurityPolicy-2016-08 or
#   ELBSecurityPolicy-TLS-1-1-2017-01 still negotiate TLS 1.0/1.1 and weak
#   ciphers, which are deprecated (RFC 8996) and fail PCI DSS. Attackers
#   able to downgrade the connection can attack the weaker protocol.
# related_resources:
#   - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
# custom:
#   id: aws-lb-listener-old-tls-policy
#   severity: medium
#   kind: terraform
#   resources: [aws_lb_listener, aws_alb_listener]
#   cwe: [CWE-326]
#   remediation: Use ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06" (or another TLS 1.2+ policy).
#   related:
#     checkov: [CKV_AWS_103]
#     trivy: [AVD-AWS-0047]
package ward.checks.aws_lb_listener_old_tls_policy

import rego.v1

import data.ward.lib

# Policies that negotiate TLS 1.0 or 1.1.
old_policy(p) if p in {"ELBSecurityPolicy-2015-05", "ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-FS-2018-06"}

old_policy(p) if regex.match(`^ELBSecurityPolicy-(TLS-1-[01]|FS-1-1|TLS13-1-[01])-`, p)

deny contains res if {
	some r in lib.resources_of({"aws_lb_listener", "aws_alb_listener"})
	p := r.config.ssl_policy
	is_string(p)
	old_policy(p)
	res := lib.result(r, "/ssl_policy", sprintf("%s uses %s, which allows TLS versions below 1.2", [r.name, p]))
}
