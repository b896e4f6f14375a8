# METADATA
# title: Base image is not pinned by digest
# description: |
#   FROM names the base image by tag only. Tags are mutable: the registry
#   owner, or anyone who compromises the repository, can point the tag at other
#   content, which the next build pulls without notice. A digest names one exact
#   image.
# related_resources:
#   - https://docs.docker.com/reference/dockerfile/#from
#   - https://docs.docker.com/build/building/best-practices/#pin-base-image-versions
# custom:
#   id: dockerfile-image-not-pinned-by-digest
#   severity: info
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-1357]
#   remediation: Append the digest of the tested image (FROM alpine:3.20@sha256:<digest>) and let a dependency bot update tag and digest together.
package ward.checks.dockerfile_image_not_pinned_by_digest

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

deny contains res if {
	some r in df.stages
	df.registry_image(r)
	r.config.from.digest == ""
	res := lib.result(r, "/from", sprintf("%s is built FROM %q without a digest", [df.label(r), r.config.from.ref]))
}
