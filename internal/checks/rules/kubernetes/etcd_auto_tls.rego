# METADATA
# title: etcd uses automatically generated certificates
# description: |
#   With --auto-tls (or --peer-auto-tls) etcd serves TLS with self-signed
#   certificates it generates itself. Clients and peers cannot verify them,
#   so the encryption does not protect against an attacker who can intercept
#   traffic to the store that holds every cluster secret.
# related_resources:
#   - https://etcd.io/docs/v3.5/op-guide/security/
# custom:
#   id: k8s-etcd-auto-tls
#   severity: medium
#   kind: kubernetes
#   resources: [Pod]
#   cwe: [CWE-295]
#   remediation: Remove --auto-tls and --peer-auto-tls (or set them to false) and configure --cert-file, --key-file, --peer-cert-file and --peer-key-file with certificates from the cluster's CA.
#   related:
#     kics: [98ce8b81-7707-4734-aa39-627c6db3d84b]
package ward.checks.k8s_etcd_auto_tls

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some [r, x] in k8s.control_containers("etcd")
	some name in ["auto-tls", "peer-auto-tls"]
	some f in k8s.flag(x, name)
	lib.is_true(f.v)
	res := lib.result(r, f.ptr, sprintf("%s: etcd runs with --%s", [r.name, name]))
}
