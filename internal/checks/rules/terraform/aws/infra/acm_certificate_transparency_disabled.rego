# METADATA
# title: ACM certificate opts out of certificate transparency logging
# description: |
#   Certificate transparency logs let domain owners and browsers detect
#   certificates issued for their domains by mistake or by an attacker.
#   Opting out hides the certificate from that monitoring, and browsers such
#   as Chrome and Safari reject publicly trusted certificates that are not
#   logged.
# related_resources:
#   - https://docs.aws.amazon.com/acm/latest/userguide/acm-concepts.html#concept-transparency
# custom:
#   id: aws-acm-certificate-transparency-disabled
#   severity: low
#   kind: terraform
#   resources: [aws_acm_certificate]
#   cwe: [CWE-693]
#   remediation: Remove options { certificate_transparency_logging_preference = "DISABLED" } or set it to "ENABLED".
package ward.checks.aws_acm_certificate_transparency_disabled

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("aws_acm_certificate")
	some i, o in lib.blocks(r.config, "options")
	o.certificate_transparency_logging_preference == "DISABLED"
	res := lib.result(r, sprintf("/options/%d/certificate_transparency_logging_preference", [i]), sprintf("%s disables certificate transparency logging", [r.name]))
}
