# METADATA
# title: git clone builds from a moving branch
# description: |
#   A RUN clones a git repository without pinning what it checks out: no
#   commit checkout, no version tag. The build takes whatever the default or
#   named branch holds at build time, so images are not reproducible and a
#   compromised or broken push is built in without review.
# related_resources:
#   - https://git-scm.com/docs/git-clone
#   - https://docs.docker.com/reference/dockerfile/#add-git-repositories
# custom:
#   id: dockerfile-git-clone-unpinned
#   severity: low
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-1357]
#   remediation: Check out a commit after cloning (git checkout <sha>), clone a release tag (git clone --branch v1.2.3), or use ADD with a pinned git commit (ADD https://github.com/org/repo.git#<sha>).
package ward.checks.dockerfile_git_clone_unpinned

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

_valued := {"-C", "-c", "--config", "-b", "--branch", "--depth", "-o", "--origin", "--template", "-j", "--jobs", "--reference", "-u", "--upload-pack", "--separate-git-dir", "--shallow-since", "--shallow-exclude", "--filter"}

deny contains res if {
	some x in df.runs
	some c in x.cmds
	c.prog == "git"
	pos := df.positional(c.args, _valued)
	count(pos) > 1
	pos[0] == "clone"
	not _pinned_ref(c.args)
	not _checks_out(x)
	res := lib.result(x.r, x.ptr, sprintf("%s: RUN clones %s without pinning a tag or commit", [df.label(x.r), pos[1]]))
}

_pinned_ref(args) if {
	some i, a in args
	a in {"-b", "--branch"}
	_pinned(args[i + 1])
}

_pinned_ref(args) if {
	some a in args
	startswith(a, "--branch=")
	_pinned(substring(a, 9, -1))
}

_pinned(ref) if regex.match(`^(v|release-|rel-)?[0-9]+(\.[0-9]+)+([-.+][0-9A-Za-z.]+)?$|^[0-9a-f]{40}$`, ref)

_pinned(ref) if contains(ref, "$")

# The same RUN checks out or resets to a given revision.
_checks_out(x) if {
	some c in x.cmds
	c.prog == "git"
	pos := df.positional(c.args, _valued)
	count(pos) > 1
	pos[0] in {"checkout", "reset", "switch"}
}
