# Helpers of the Dockerfile checks about package managers.
package ward.lib.dockerfile

import rego.v1

# apt_valued are apt-get's options that take a separate value.
apt_valued := {"-o", "--option", "-c", "--config-file", "-t", "--target-release", "-a", "--host-architecture"}

# apt_get lists the apt-get commands of a RUN with their subcommand:
# {"c": command, "sub": "install", "pos": positional arguments}.
apt_get(x) := [a |
	some c in x.cmds
	c.prog == "apt-get"
	pos := positional(c.args, apt_valued)
	count(pos) > 0
	a := {"c": c, "sub": pos[0], "pos": pos}
]

# yes_flag holds when a command answers its prompts itself: -y in a
# short-option group or one of the long spellings.
yes_flag(args, _) if has_short(args, "y")

yes_flag(args, longs) if {
	some o in longs
	has_option(args, o)
}

# rpm_valued are yum's and dnf's options that take a separate value.
rpm_valued := {
	"-c", "--config", "--installroot", "--releasever", "-d", "--debuglevel", "-e", "--errorlevel",
	"-x", "--exclude", "--enablerepo", "--disablerepo", "--repo", "--repoid", "--setopt",
	"--downloaddir", "--destdir", "--forcearch", "--comment", "--repofrompath", "--color",
}

# dnf_family are dnf and its small variants.
dnf_family := {"dnf", "dnf5", "microdnf", "tdnf"}

# rpm lists the commands of a RUN run by one of the programs progs:
# {"c": command, "sub": subcommand, "pkgs": arguments after it}.
rpm(x, progs) := [a |
	some c in x.cmds
	c.prog in progs
	pos := positional(c.args, rpm_valued)
	count(pos) > 0
	a := {"c": c, "sub": pos[0], "pkgs": array.slice(pos, 1, count(pos))}
]

# rpm_versioned holds for a yum/dnf package argument that names a
# version (httpd-2.4.6, pkg-1:2.3), a file, a URL, a group or a module,
# or holds a variable.
rpm_versioned(p) if regex.match(`-[0-9]`, p)

rpm_versioned(p) if regex.match(`[=$/*@]|\.rpm$`, p)

# apk_valued are apk's options that take a separate value.
apk_valued := {
	"-t", "--virtual", "-X", "--repository", "-p", "--root", "--keys-dir", "--cache-dir",
	"--arch", "--repositories-file", "--cache-max-age", "--timeout",
}

# apk_add lists the apk add commands of a RUN with the packages named.
apk_add(x) := [a |
	some c in x.cmds
	c.prog == "apk"
	pos := positional(c.args, apk_valued)
	count(pos) > 0
	pos[0] == "add"
	a := {"c": c, "pkgs": array.slice(pos, 1, count(pos))}
]

# pip_valued are pip install's options that take a separate value.
pip_valued := {
	"-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-t", "--target",
	"--prefix", "--root", "-i", "--index-url", "--extra-index-url", "-f", "--find-links",
	"--trusted-host", "--platform", "--python-version", "--implementation", "--abi",
	"--src", "--upgrade-strategy", "--cache-dir", "--log", "--proxy", "--retries",
	"--timeout", "--exists-action", "--cert", "--client-cert", "--progress-bar",
	"--no-binary", "--only-binary", "-C", "--config-settings", "--report",
	"--root-user-action", "--python",
}

# pip_install lists the pip install commands of a RUN with the
# requirement arguments given on the command line.
pip_install(x) := [a |
	some c in x.cmds
	regex.match(`^pip[0-9.]*$`, c.prog)
	pos := positional(c.args, pip_valued)
	count(pos) > 0
	pos[0] == "install"
	a := {"c": c, "pkgs": array.slice(pos, 1, count(pos))}
]
