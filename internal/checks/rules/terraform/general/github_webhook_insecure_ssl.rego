# METADATA
# title: GitHub webhook skips TLS certificate verification
# description: |
#   With insecure_ssl set, GitHub delivers webhook payloads without checking
#   the receiver's certificate, so anyone able to intercept the traffic can
#   impersonate the endpoint and read payloads (code, issue content, the
#   webhook secret's signatures) or feed it forged ones.
# related_resources:
#   - https://docs.github.com/en/webhooks/using-webhooks/creating-webhooks
#   - https://registry.terraform.io/providers/integrations/github/latest/docs/resources/organization_webhook
# custom:
#   id: github-webhook-insecure-ssl
#   severity: medium
#   kind: terraform
#   resources: [github_organization_webhook, github_repository_webhook]
#   cwe: [CWE-295]
#   remediation: Set configuration.insecure_ssl = false and give the receiver a certificate from a trusted CA.
#   related:
#     kics: [ce7c874e-1b88-450b-a5e4-cb76ada3c8a9]
package ward.checks.github_webhook_insecure_ssl

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources_of({"github_organization_webhook", "github_repository_webhook"})
	some i, c in lib.blocks(r.config, "configuration")
	lib.is_true(c.insecure_ssl)
	res := lib.result(r, sprintf("/configuration/%d/insecure_ssl", [i]), sprintf("%s does not verify the receiver's TLS certificate", [r.name]))
}
