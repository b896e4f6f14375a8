# METADATA
# title: etcd serves clients without a TLS certificate
# description: |
#   etcd holds every Secret and object of the cluster. Without both
#   --cert-file and --key-file it serves clients over plain HTTP, so the data
#   and the credentials of its clients cross the network unencrypted.
# related_resources:
#   - https://etcd.io/docs/v3.5/op-guide/security/
# custom:
#   id: k8s-etcd-tls-cert-missing
#   severity: high
#   kind: kubernetes
#   resources: [Pod]
#   cwe: [CWE-319]
#   remediation: Pass --cert-file and --key-file (and --client-cert-auth=true with --trusted-ca-file) to etcd.
#   related:
#     kics: [075ca296-6768-4322-aea2-ba5063b969a9]
package ward.checks.k8s_etcd_tls_cert_missing

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some [r, x] in k8s.control_containers("etcd")
	missing := [n | some n in ["cert-file", "key-file"]; not set(x, n)]
	count(missing) > 0
	res := lib.result(r, k8s.cmd_ptr(x), sprintf("%s: etcd runs without --%s", [r.name, concat(" and --", missing)]))
}

set(x, name) if {
	some f in k8s.flag(x, name)
	f.v != ""
}
