# METADATA
# title: Service has no health check
# description: |
#   The service defines no healthcheck, or disables it (disable: true, test
#   NONE). Docker then only knows that the process runs: a hung or deadlocked
#   service is never marked unhealthy, is not restarted, and dependants
#   waiting on condition service_healthy cannot tell when it is ready.
# related_resources:
#   - https://docs.docker.com/reference/compose-file/services/#healthcheck
# custom:
#   id: compose-healthcheck-missing
#   severity: low
#   kind: compose
#   resources: [service]
#   cwe: [CWE-703]
#   remediation: Add a healthcheck with a test that exercises the service (test ["CMD", "curl", "-f", "http://localhost:8080/health"]), or define HEALTHCHECK in the image.
#   related:
#     kics: [698ed579-b239-4f8f-a388-baa4bcb13ef8]
package ward.checks.compose_healthcheck_missing

import rego.v1

import data.ward.lib
import data.ward.lib.compose

deny contains res if {
	some r in compose.services
	not compose.extended(r)
	not lib.has(r.config, "healthcheck")
	res := lib.result(r, "", sprintf("service %s defines no healthcheck", [r.name]))
}

deny contains res if {
	some r in compose.services
	lib.is_true(r.config.healthcheck.disable)
	res := lib.result(r, "/healthcheck/disable", sprintf("service %s disables its healthcheck", [r.name]))
}

deny contains res if {
	some r in compose.services
	test := r.config.healthcheck.test
	_none(test)
	res := lib.result(r, "/healthcheck/test", sprintf("service %s disables its healthcheck (test NONE)", [r.name]))
}

_none(t) if upper(t) == "NONE"

_none(t) if upper(t[0]) == "NONE"
