# METADATA
# title: Docker action image not pinned to a digest
# description: |
#   A docker:// step (or a Docker action's runs.image) names an image by tag,
#   and whoever controls the registry repository can push new content under
#   that tag. The next run then executes a different image with the job's
#   token and secrets. Only a sha256 digest names immutable content.
# related_resources:
#   - https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#example-using-a-docker-hub-action
#   - https://docs.github.com/en/actions/sharing-automations/creating-actions/metadata-syntax-for-github-actions#runsimage
# custom:
#   id: gha-docker-action-not-pinned
#   severity: medium
#   kind: github-actions
#   resources: [workflow, action]
#   cwe: [CWE-829, CWE-494]
#   remediation: Reference the image by digest (docker://alpine@sha256:<digest>), keeping the tag in a comment for readers.
package ward.checks.gha_docker_action_not_pinned

import rego.v1

import data.ward.lib
import data.ward.lib.gha

deny contains res if {
	some r in gha.docs
	some s in gha.steps(r)
	s.uses.docker == true
	s.uses.pinned == false
	msg := sprintf("%s: %s runs image %q without a sha256 digest", [r.name, gha.label(r, s), s.uses.raw])
	res := lib.result(r, sprintf("%s/uses", [s.pointer]), msg)
}

deny contains res if {
	some r in gha.actions
	image := gha.derived(r).image
	image.docker == true
	image.pinned == false
	msg := sprintf("%s: runs.image %q has no sha256 digest", [r.name, image.raw])
	res := lib.result(r, "/runs/image", msg)
}
