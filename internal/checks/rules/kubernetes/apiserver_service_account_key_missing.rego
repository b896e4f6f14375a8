# METADATA
# title: API server has no service account key file
# description: |
#   Without --service-account-key-file the API server verifies service
#   account tokens with its own TLS serving key, tying token validity to the
#   serving certificate: its key cannot be rotated without invalidating every
#   token, and tokens cannot be verified across API servers with different
#   serving keys.
# related_resources:
#   - https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/
# custom:
#   id: k8s-apiserver-service-account-key-missing
#   severity: medium
#   kind: kubernetes
#   resources: [Pod]
#   cwe: [CWE-522]
#   remediation: Pass --service-account-key-file with the public key matching the controller manager's --service-account-private-key-file (and --service-account-signing-key-file).
#   related:
#     kics: [dab4ec72-ce2e-4732-b7c3-1757dcce01a1]
package ward.checks.k8s_apiserver_service_account_key_missing

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some [r, x] in k8s.control_containers("kube-apiserver")
	not set(x)
	res := lib.result(r, k8s.cmd_ptr(x), sprintf("%s: kube-apiserver runs without --service-account-key-file", [r.name]))
}

set(x) if {
	some f in k8s.flag(x, "service-account-key-file")
	f.v != ""
}
