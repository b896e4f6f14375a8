# METADATA
# title: Secret values are kept in a plain Kubernetes Secret manifest
# description: |
#   A Secret manifest carries its values only base64-encoded: whoever can read
#   the manifest (its repository, CI logs, backups) can read them, and etcd
#   stores them unencrypted unless encryption at rest is configured. An
#   external secret store synchronized into the cluster keeps values out of
#   manifests and adds rotation and audit.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/secrets-good-practices/
#   - https://secrets-store-csi-driver.sigs.k8s.io/
# custom:
#   id: k8s-native-secret
#   severity: info
#   kind: kubernetes
#   resources: [Secret]
#   cwe: [CWE-312]
#   remediation: Keep secret values out of manifests by using the Secrets Store CSI driver, External Secrets or Sealed Secrets, and enable encryption at rest for etcd.
#   related:
#     kics: [b9c83569-459b-4110-8f79-6305aa33cb37]
package ward.checks.k8s_native_secret

import rego.v1

import data.ward.lib

# store_kinds are objects of external secret managers; a manifest using
# one is already managing secrets outside plain Secrets.
store_kinds := {"SecretProviderClass", "ExternalSecret", "ClusterExternalSecret", "SecretStore", "ClusterSecretStore", "SealedSecret"}

uses_store if {
	some r in input.resources
	r.type in store_kinds
}

deny contains res if {
	not uses_store
	some r in lib.resources("Secret")
	startswith(object.get(r.config, "apiVersion", ""), "v1")
	some field in ["data", "stringData"]
	vals := r.config[field]
	is_object(vals)
	count(vals) > 0
	keys := concat(", ", sort([k | some k, _ in vals]))
	res := lib.result(r, sprintf("/%s", [field]), sprintf("%s holds values for %s in the manifest", [r.name, keys]))
}
