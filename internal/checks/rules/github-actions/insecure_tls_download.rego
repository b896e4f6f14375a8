# METADATA
# title: Run script disables TLS certificate verification
# description: |
#   curl -k or --insecure, wget --no-check-certificate, git http.sslVerify
#   false and similar switches accept any certificate, so anyone on the network
#   path (a proxy, a hijacked DNS answer) can substitute the file or repository
#   the job downloads, and the job runs or ships it.
# related_resources:
#   - https://curl.se/docs/manpage.html#-k
#   - https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions
# custom:
#   id: gha-insecure-tls-download
#   severity: medium
#   kind: github-actions
#   resources: [workflow, action]
#   cwe: [CWE-295]
#   remediation: Remove the switch and, for private certificate authorities, trust the CA explicitly (curl --cacert, git http.sslCAInfo, NODE_EXTRA_CA_CERTS).
package ward.checks.gha_insecure_tls_download

import rego.v1

import data.ward.lib
import data.ward.lib.gha

patterns := {
	"curl --insecure": `(?i)\bcurl\b[^\n]*\s(--insecure\b|-[a-zA-Z]*k[a-zA-Z]*(\s|$))`,
	"wget --no-check-certificate": `(?i)\bwget\b[^\n]*\s--no-check-certificate\b`,
	"git http.sslVerify false": `(?i)\bhttp\.sslverify[\s=]+["']?(false|0|no|off)\b`,
	"GIT_SSL_NO_VERIFY": `(?i)\bGIT_SSL_NO_VERIFY=["']?(1|true)\b`,
	"npm strict-ssl false": `(?i)\b(npm|yarn|pnpm)\b[^\n]*strict-ssl[\s=]+["']?false\b`,
	"NODE_TLS_REJECT_UNAUTHORIZED=0": `\bNODE_TLS_REJECT_UNAUTHORIZED=["']?0\b`,
}

deny contains res if {
	some r in gha.docs
	some s in gha.steps(r)
	run := gha.step_run(r, s)
	found := sort([name | some name, p in patterns; regex.match(p, run)])
	count(found) > 0
	msg := sprintf("%s: %s disables certificate verification (%s)", [r.name, gha.label(r, s), concat(", ", found)])
	res := lib.result(r, sprintf("%s/run", [s.pointer]), msg)
}
