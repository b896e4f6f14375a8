# METADATA
# title: Base image uses the latest tag or no tag
# description: |
#   FROM names an image without a tag, or with the moving "latest" tag, and
#   without a digest. Each build can then pull a different image: builds stop
#   being reproducible, a rebuild can silently bring in breaking changes, and a
#   compromised or mistaken push to latest flows straight into the image.
# related_resources:
#   - https://docs.docker.com/reference/dockerfile/#from
# custom:
#   id: dockerfile-image-version-not-explicit
#   severity: medium
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-1357]
#   remediation: Name an explicit version tag (FROM alpine:3.20), better also pinned by digest (FROM alpine:3.20@sha256:...).
#   related:
#     kics: [9efb0b2d-89c9-41a3-91ca-dcc0aec911fd]
#     checkov: [CKV_DOCKER_7]
#     trivy: [AVD-DS-0001]
package ward.checks.dockerfile_image_version_not_explicit

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

deny contains res if {
	some r in df.stages
	df.registry_image(r)
	r.config.from.digest == ""
	r.config.from.tag in {"", "latest"}
	res := lib.result(r, "/from", sprintf("%s is built FROM %q, which names no version", [df.label(r), r.config.from.ref]))
}
