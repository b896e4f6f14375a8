# Helpers of the docker-compose checks (rules/compose): services, and
# the short and long forms of ports, volumes and environment.
package ward.lib.compose

import rego.v1

import data.ward.lib

# services are the document's compose services.
services := [r | some r in input.resources; r.type == "service"]

# extended holds for a service that takes settings from another service
# (extends:), which the parser does not merge: "missing setting" checks
# cannot judge it.
extended(r) if lib.has(r.config, "extends")

# escape escapes one JSON pointer token (RFC 6901).
escape(s) := replace(replace(s, "~", "~0"), "/", "~1")

# ports lists a service's published ports as {"ptr", "ip", "published",
# "target"}: ip is "" when not given (all interfaces), published is ""
# for an ephemeral host port. Entries holding variables are skipped.
ports(r) := [p |
	some i, e in lib.as_list(object.get(r.config, "ports", []))
	p := object.union(_port(e), {"ptr": sprintf("/ports/%d", [i])})
]

_port(e) := {"ip": "", "published": "", "target": format_int(e, 10)} if is_number(e)

_port(e) := _short_port(regex.replace(e, `/[A-Za-z]+$`, "")) if {
	is_string(e)
	not contains(e, "$")
}

_port(e) := {"ip": _long_ip(e), "published": _long_published(e), "target": sprintf("%v", [object.get(e, "target", "")])} if {
	is_object(e)
	not contains(sprintf("%v", [e]), "$")
}

# "[::1]:8080:80"
_short_port(s) := {"ip": ip, "published": parts[0], "target": parts[1]} if {
	startswith(s, "[")
	ip := substring(s, 0, indexof(s, "]") + 1)
	parts := split(trim_prefix(substring(s, count(ip), -1), ":"), ":")
	count(parts) == 2
} else := {"ip": "", "published": "", "target": s} if {
	not contains(s, ":")
} else := {"ip": "", "published": parts[0], "target": parts[1]} if {
	parts := split(s, ":")
	count(parts) == 2
} else := {"ip": parts[0], "published": parts[1], "target": parts[2]} if {
	parts := split(s, ":")
	count(parts) == 3
}

# The long form's host_ip; some files write the address into published
# ("127.0.0.1:8080").
_long_ip(e) := e.host_ip if {
	is_string(e.host_ip)
} else := ip if {
	is_string(e.published)
	regex.match(`^[0-9.]+:|^\[|^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$`, e.published)
	ip := split(e.published, ":")[0]
} else := ""

_long_published(e) := sprintf("%v", [e.published]) if lib.has(e, "published")

else := ""

# all_interfaces holds for a host address that listens everywhere.
all_interfaces(ip) if ip in {"", "0.0.0.0", "::", "[::]"}

# range_start is the first port of "8000" or "8000-8010" (undefined for
# anything else).
range_start(s) := to_number(m[1]) if {
	m := regex.find_all_string_submatch_n(`^([0-9]+)(-[0-9]+)?$`, s, 1)[0]
}

# volumes lists a service's mounts as {"ptr", "source", "target",
# "type", "read_only"}; anonymous volumes have source "".
volumes(r) := [v |
	some i, e in lib.as_list(object.get(r.config, "volumes", []))
	v := object.union(_volume(e), {"ptr": sprintf("/volumes/%d", [i])})
]

_volume(e) := {"source": parts[0], "target": parts[1], "type": _short_type(parts[0]), "read_only": _ro(parts)} if {
	is_string(e)
	parts := _split_volume(e)
	count(parts) >= 2
} else := {"source": "", "target": e, "type": "volume", "read_only": false} if {
	is_string(e)
}

_volume(e) := {
	"source": sprintf("%v", [object.get(e, "source", "")]),
	"target": sprintf("%v", [object.get(e, "target", "")]),
	"type": object.get(e, "type", "volume"),
	"read_only": object.get(e, "read_only", false) == true,
} if is_object(e)

# A Windows drive letter (C:\data:/data) is part of the source.
_split_volume(e) := array.concat([concat(":", array.slice(p, 0, 2))], array.slice(p, 2, count(p))) if {
	regex.match(`^[A-Za-z]:[\\/]`, e)
	p := split(e, ":")
} else := split(e, ":")

_short_type(src) := "bind" if regex.match(`^([./~]|[A-Za-z]:[\\/]|\$)`, src)

else := "volume"

_ro(parts) if {
	count(parts) > 2
	"ro" in split(parts[2], ",")
} else := false

# environment lists a service's variables as {"ptr", "name", "value"}
# (value null when the variable is passed through from the shell).
environment(r) := [v |
	some i, e in r.config.environment
	is_string(e)
	name := split(e, "=")[0]
	v := {"ptr": sprintf("/environment/%d", [i]), "name": name, "value": _list_value(e, name)}
] if {
	is_array(r.config.environment)
} else := [v |
	some name, value in r.config.environment
	v := {"ptr": sprintf("/environment/%s", [escape(name)]), "name": name, "value": value}
] if {
	is_object(r.config.environment)
} else := []

_list_value(e, name) := substring(e, count(name) + 1, -1) if contains(e, "=")

else := null

# security_opts lists a service's security_opt entries with pointers.
security_opts(r) := [{"ptr": sprintf("/security_opt/%d", [i]), "opt": o} |
	some i, o in lib.as_list(object.get(r.config, "security_opt", []))
	is_string(o)
]

# secret_name holds for a variable name that says it holds a secret
# (DB_PASSWORD, API_KEY, GITHUB_TOKEN), but not for names of files,
# paths, URLs, ids or switches (PASSWORD_FILE, TOKEN_URL).
secret_name(n) if {
	u := upper(n)
	regex.match(`(^|_)(PASSWORD|PASSWD|PASSPHRASE|PASS|PWD|SECRET|SECRETS|TOKEN|APIKEY|API_KEY|PRIVATE_KEY|PRIVATEKEY|SECRET_KEY|ACCESS_KEY|AUTH_KEY|CREDENTIALS?)($|_)`, u)
	u != "PWD"
	not regex.match(`_(FILE|PATH|DIR|URL|URI|ENDPOINT|HOST|PORT|NAME|USER|USERNAME|ID|KEY_ID|LENGTH|LEN|TTL|EXPIRY|EXPIRES|TIMEOUT|HEADER|TYPE|MODE|ENABLED|REQUIRED|POLICY|FIELD|PARAM|VAR|ENV|LOCATION|SCOPE|SCOPES|ISSUER|AUDIENCE)$`, u)
	not regex.match(`^(ALLOW|REQUIRE|ENABLE|DISABLE|SKIP|USE|NO)_`, u)
}

# limits_ptr is where a missing resource limit belongs: the deepest of
# deploy, deploy.resources and deploy.resources.limits that exists, or
# the service.
limits_ptr(r) := "/deploy/resources/limits" if {
	is_object(r.config.deploy.resources.limits)
} else := "/deploy/resources" if {
	is_object(r.config.deploy.resources)
} else := "/deploy" if {
	lib.has(r.config, "deploy")
} else := ""

# limit holds when the service sets key in deploy.resources.limits or
# one of the service-level keys (mem_limit, cpus).
limit(r, key, _) if {
	v := r.config.deploy.resources.limits[key]
	v != null
}

limit(r, _, keys) if {
	some k in keys
	v := r.config[k]
	v != null
}
