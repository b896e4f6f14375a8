# METADATA
# title: Image defines no HEALTHCHECK
# description: |
#   The final stage has no HEALTHCHECK (or disables it with HEALTHCHECK
#   NONE), so Docker only knows whether the process runs, not whether it
#   works. A hung or deadlocked service keeps receiving traffic and is never
#   restarted (CIS Docker Benchmark 4.6).
# related_resources:
#   - https://docs.docker.com/reference/dockerfile/#healthcheck
# custom:
#   id: dockerfile-healthcheck-missing
#   severity: low
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-703]
#   remediation: Add a HEALTHCHECK to the final stage that tests the service (HEALTHCHECK CMD ["/app/healthcheck"]), or define the probe in the orchestrator.
#   related:
#     kics: [b03a748a-542d-44f4-bb86-9199ab4fd2d5]
#     checkov: [CKV_DOCKER_2]
#     trivy: [AVD-DS-0026]
package ward.checks.dockerfile_healthcheck_missing

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

deny contains res if {
	some r in df.stages
	df.final(r)
	count(_defining(r)) == 0
	res := lib.result(r, "", sprintf("%s is the final image and defines no HEALTHCHECK", [df.label(r)]))
}

deny contains res if {
	some r in df.stages
	df.final(r)
	s := df.nearest(_defining(r))
	s.config.healthcheck.type == "NONE"
	res := lib.result(s, "/healthcheck", sprintf("%s is the final image and disables its HEALTHCHECK", [df.label(r)]))
}

_defining(r) := [s | some s in df.lineage(r); lib.has(s.config, "healthcheck")]
