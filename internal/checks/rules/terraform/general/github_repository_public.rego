# METADATA
# title: GitHub repository is public
# description: |
#   A public repository exposes its code, history, issues and workflow logs to
#   everyone, including any secret or internal detail ever committed. The
#   github provider creates repositories as public unless visibility (or the
#   older private flag) says otherwise, so an unset value publishes the
#   repository.
# related_resources:
#   - https://registry.terraform.io/providers/integrations/github/latest/docs/resources/repository#visibility
#   - https://docs.github.com/en/repositories/creating-and-managing-repositories/about-repositories#about-repository-visibility
# custom:
#   id: github-repository-public
#   severity: medium
#   kind: terraform
#   resources: [github_repository]
#   cwe: [CWE-668]
#   remediation: Set visibility = "private" (or "internal") unless the repository is meant to be open source.
#   related:
#     checkov: [CKV_GIT_1]
#     kics: [15d8a7fd-465a-4d15-a868-add86552f17b]
package ward.checks.github_repository_public

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("github_repository")
	r.config.visibility == "public"
	res := lib.result(r, "/visibility", sprintf("%s is public", [r.name]))
}

deny contains res if {
	some r in lib.resources("github_repository")
	lib.missing(r.config, "visibility")
	lib.is_false(r.config.private)
	res := lib.result(r, "/private", sprintf("%s sets private = false: it is public", [r.name]))
}

deny contains res if {
	some r in lib.resources("github_repository")
	lib.missing(r.config, "visibility")
	lib.missing(r.config, "private")
	res := lib.result(r, "", sprintf("%s sets no visibility: the provider creates it public", [r.name]))
}
