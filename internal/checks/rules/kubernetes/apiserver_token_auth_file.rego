# METADATA
# title: API server accepts static tokens from a file
# description: |
#   --token-auth-file makes the API server accept the bearer tokens listed in
#   a plain-text file. They never expire, cannot be revoked without
#   restarting the API server, and sit in clear text on the control-plane
#   node.
# related_resources:
#   - https://kubernetes.io/docs/reference/access-authn-authz/authentication/#static-token-file
# custom:
#   id: k8s-apiserver-token-auth-file
#   severity: high
#   kind: kubernetes
#   resources: [Pod]
#   cwe: [CWE-798]
#   remediation: Remove --token-auth-file and authenticate users with client certificates, OIDC or a webhook, and workloads with service account tokens.
#   related:
#     kics: [32ecd76e-7bbf-402e-bf48-8b9485749558]
package ward.checks.k8s_apiserver_token_auth_file

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some [r, x] in k8s.control_containers("kube-apiserver")
	some f in k8s.flag(x, "token-auth-file")
	f.v != ""
	res := lib.result(r, f.ptr, sprintf("%s: kube-apiserver accepts static tokens from --token-auth-file", [r.name]))
}
