# METADATA
# title: Service image uses the latest tag or no tag
# description: |
#   The service pulls an image without a tag, or with the moving "latest" tag,
#   and without a digest. Every pull can bring a different image: deployments
#   stop being reproducible, an upgrade happens without review, and rolling
#   back to the previous version is not possible.
# related_resources:
#   - https://docs.docker.com/reference/compose-file/services/#image
# custom:
#   id: compose-image-latest
#   severity: medium
#   kind: compose
#   resources: [service]
#   cwe: [CWE-1357]
#   remediation: Name an explicit version tag (postgres:16.3), better also pinned by digest (postgres:16.3@sha256:...).
package ward.checks.compose_image_latest

import rego.v1

import data.ward.lib
import data.ward.lib.compose

deny contains res if {
	some r in compose.services
	not lib.has(r.config, "build")
	image := r.config.image
	is_string(image)
	not contains(image, "$")
	not contains(image, "@")
	_tag(image) in {"", "latest"}
	res := lib.result(r, "/image", sprintf("service %s uses image %q, which names no version", [r.name, image]))
}

# The tag follows the last colon after the last slash (a registry port
# such as registry:5000/app is not a tag).
_tag(image) := t if {
	last := regex.replace(image, `^.*/`, "")
	contains(last, ":")
	t := regex.replace(last, `^[^:]*:`, "")
} else := ""
