# METADATA
# title: TLS certificate verification disabled
# description: |
#   The Dockerfile turns off certificate verification for downloads: curl -k,
#   wget --no-check-certificate, pip --trusted-host, npm or yarn strict-ssl
#   false, git http.sslVerify false, yum/dnf sslverify=0, or environment
#   variables such as NODE_TLS_REJECT_UNAUTHORIZED=0. Anyone on the network
#   path can then serve their own packages, scripts or archives to the build,
#   and ENV settings keep verification off in the running container too.
# related_resources:
#   - https://curl.se/docs/sslcerts.html
#   - https://pip.pypa.io/en/stable/cli/pip_install/#cmdoption-trusted-host
# custom:
#   id: dockerfile-tls-verification-disabled
#   severity: high
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-295]
#   remediation: Remove the option and install the CA certificate the server needs (COPY it into /usr/local/share/ca-certificates and run update-ca-certificates, or point the tool at it).
#   related:
#     checkov: [CKV2_DOCKER_2, CKV2_DOCKER_3, CKV2_DOCKER_4, CKV2_DOCKER_5, CKV2_DOCKER_6, CKV2_DOCKER_12, CKV2_DOCKER_13, CKV2_DOCKER_14, CKV2_DOCKER_15, CKV2_DOCKER_16]
package ward.checks.dockerfile_tls_verification_disabled

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

deny contains res if {
	some x in df.runs
	some c in x.cmds
	some what in _insecure(c)
	res := lib.result(x.r, x.ptr, sprintf("%s: RUN disables certificate verification (%s)", [df.label(x.r), what]))
}

deny contains res if {
	some r in df.stages
	some i, ins in r.config.instructions
	ins.cmd in {"env", "arg"}
	some kv in ins.value
	name := split(kv, "=")[0]
	value := substring(kv, count(name) + 1, -1)
	_insecure_env(name, value)
	res := lib.result(r, sprintf("/instructions/%d", [i]), sprintf("%s: %s %s disables certificate verification", [df.label(r), upper(ins.cmd), name]))
}

deny contains res if {
	some x in df.runs
	some c in x.cmds
	some p in c.pre
	name := split(p, "=")[0]
	_insecure_env(name, substring(p, count(name) + 1, -1))
	res := lib.result(x.r, x.ptr, sprintf("%s: RUN sets %s, disabling certificate verification", [df.label(x.r), name]))
}

_insecure(c) := ((({"curl --insecure" | c.prog == "curl"; _curl_insecure(c.args)} | {"wget --no-check-certificate" | c.prog == "wget"; "--no-check-certificate" in c.args}) | _pip(c)) | _strict_ssl(c)) | _sslverify(c)

_pip(c) := {"pip --trusted-host" |
	regex.match(`^pip[0-9.]*$`, c.prog)
	_pip_trusted(c.args)
}

_pip_trusted(args) if df.has_option(args, "--trusted-host")

_pip_trusted(args) if {
	"config" in args
	some a in args
	endswith(a, "trusted-host")
}

_strict_ssl(c) := {sprintf("%s strict-ssl false", [c.prog]) |
	c.prog in {"npm", "yarn", "pnpm"}
	regex.match(`(?i)strict-ssl(\s+|=)"?false`, c.text)
}

_sslverify(c) := {sprintf("%s sslVerify off", [c.prog]) |
	c.prog in {"git", "yum-config-manager", "dnf", "yum", "microdnf", "tdnf"}
	regex.match(`(?i)sslverify(\s+|\s*=\s*)"?(false|0|no|off)`, c.text)
}

_curl_insecure(args) if "--insecure" in args

_curl_insecure(args) if df.has_short(args, "k")

_insecure_env("NODE_TLS_REJECT_UNAUTHORIZED", v) if v == "0"

_insecure_env("PYTHONHTTPSVERIFY", v) if v == "0"

_insecure_env("GIT_SSL_NO_VERIFY", v) if {
	v != ""
	not contains(v, "$")
}

_insecure_env(name, v) if {
	upper(name) == "NPM_CONFIG_STRICT_SSL"
	lower(v) in {"false", "0", "no"}
}

_insecure_env("PIP_TRUSTED_HOST", v) if {
	v != ""
	not contains(v, "$")
}
