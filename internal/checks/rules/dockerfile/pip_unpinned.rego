# METADATA
# title: pip install installs packages without a version
# description: |
#   pip install names packages on the command line without pinning a version
#   (flask rather than flask==3.0.3). Each build resolves whatever PyPI serves
#   that day, so images drift, builds break on new releases, and a hijacked or
#   typo-squatted release is installed without review.
# related_resources:
#   - https://pip.pypa.io/en/stable/topics/repeatable-installs/
# custom:
#   id: dockerfile-pip-unpinned
#   severity: medium
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-1357]
#   remediation: Pin every package (pip install flask==3.0.3) or install from a requirements file with pinned versions and hashes (pip install --require-hashes -r requirements.txt).
#   related:
#     kics: [02d9c71f-3ee8-4986-9c27-1a20d0d19bfc]
package ward.checks.dockerfile_pip_unpinned

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

deny contains res if {
	some x in df.runs
	pkgs := {p |
		some a in df.pip_install(x)
		some p in a.pkgs
		not pinned(p)
	}
	count(pkgs) > 0
	res := lib.result(x.r, x.ptr, sprintf("%s: RUN pip install installs unpinned %s", [df.label(x.r), concat(", ", sort(pkgs))]))
}

# A requirement is pinned by ==, ~=, an upper bound or a direct
# reference; files, paths, URLs and variables are not judged.
pinned(p) if regex.match(`==|~=|<|@|^[^=<>!~]+=[^=]`, p)

pinned(p) if regex.match(`[$/:]|^\.|\.(whl|zip|tar\.gz|tgz)$`, p)
