# METADATA
# title: npm install used instead of npm ci
# description: |
#   A RUN installs the project's dependencies with npm install. npm install
#   may resolve newer versions than the lockfile records and rewrite it, so
#   the image can contain dependency versions nobody reviewed. npm ci installs
#   exactly what package-lock.json pins and fails when it is out of date.
# related_resources:
#   - https://docs.npmjs.com/cli/commands/npm-ci
# custom:
#   id: dockerfile-npm-install-instead-of-ci
#   severity: low
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-1357]
#   remediation: Copy package.json with package-lock.json and run npm ci (add --omit=dev for production images).
package ward.checks.dockerfile_npm_install_instead_of_ci

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

_valued := {"--prefix", "--registry", "--cache", "--omit", "--include", "-w", "--workspace", "--loglevel", "--userconfig", "--install-strategy"}

deny contains res if {
	some x in df.runs
	some c in x.cmds
	c.prog == "npm"
	pos := df.positional(c.args, _valued)
	count(pos) == 1
	pos[0] in {"install", "i", "isntall", "add"}
	not df.has_short(c.args, "g")
	not "--global" in c.args
	res := lib.result(x.r, x.ptr, sprintf("%s: RUN runs npm %s for the project's dependencies; use npm ci", [df.label(x.r), pos[0]]))
}
