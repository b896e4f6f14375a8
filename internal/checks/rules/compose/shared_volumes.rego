# METADATA
# title: Volume shared between services
# description: |
#   Several services mount the same volume or host directory. Files one
#   service writes become input of the others, so a compromised or buggy
#   service can plant or corrupt files that another one executes or trusts,
#   and concurrent writers can corrupt data.
# related_resources:
#   - https://docs.docker.com/reference/compose-file/services/#volumes
# custom:
#   id: compose-shared-volumes
#   severity: info
#   kind: compose
#   resources: [service]
#   cwe: [CWE-668]
#   remediation: Give each service its own volume; where sharing is intended, mount it read-only (:ro) in every service that only reads it.
#   related:
#     kics: [8c978947-0ff6-485c-b0c2-0bfca6026466]
package ward.checks.compose_shared_volumes

import rego.v1

import data.ward.lib
import data.ward.lib.compose

deny contains res if {
	some r in compose.services
	some v in compose.volumes(r)
	v.source != ""
	not contains(v.source, "$")
	others := {o.name |
		some o in compose.services
		o.id != r.id
		some w in compose.volumes(o)
		w.source == v.source
		not _both_read_only(v, w)
	}
	count(others) > 0
	res := lib.result(r, v.ptr, sprintf("service %s shares %s with %s", [r.name, v.source, concat(", ", sort(others))]))
}

_both_read_only(v, w) if {
	v.read_only == true
	w.read_only == true
}
