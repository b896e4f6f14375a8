# Helpers shared by the AWS networking, identity and compute checks.
package ward.lib.aws_infra

import rego.v1

import data.ward.lib

# str_list lists the strings of a value that is a string or a list.
str_list(v) := [x | some x in lib.as_list(v); is_string(x)]

# known_str holds for a value that is a string Ward knows.
known_str(v) if is_string(v)

# num reads a port-like number written as a number or a numeric string.
num(v) := v if is_number(v)

num(v) := to_number(v) if {
	is_string(v)
	regex.match(`^-?[0-9]+$`, v)
}

# ---------------------------------------------------------------------------
# Registry modules of terraform-aws-modules.

registry_source := `^(?:registry\.terraform\.io/|app\.terraform\.io/[^/]+/)?terraform-aws-modules/([a-z0-9-]+)/aws(?://([^?]*))?(?:\?.*)?$`

git_source := `terraform-aws-modules/terraform-aws-([a-z0-9-]+?)(?:\.git)?(?://([^?]*))?(?:\?.*)?$`

# module_source is {"name", "sub"} of a call of a terraform-aws-modules
# module: name "security-group", sub "modules/ssh" ("" for the root).
module_source(r) := {"name": m[1], "sub": m[2]} if {
	r.type == "module"
	src := r.config.source
	is_string(src)
	m := regex.find_all_string_submatch_n(registry_source, src, 1)[0]
} else := {"name": m[1], "sub": m[2]} if {
	r.type == "module"
	src := r.config.source
	is_string(src)
	m := regex.find_all_string_submatch_n(git_source, src, 1)[0]
}

# modules lists the calls of the terraform-aws-modules module name.
modules(name) := [r |
	some r in lib.resources("module")
	module_source(r).name == name
]

# module_major is the first number of a module call's version constraint
# ("~> 6.0" is 6); undefined when no version is pinned.
module_major(r) := to_number(m) if {
	v := r.config.version
	is_string(v)
	m := regex.find_n(`[0-9]+`, v, 1)[0]
}

# object_or_block reads a module input written either as an object
# (name = {...}) or, as some examples do, as a block (name {...}).
object_or_block(cfg, name) := {"v": v, "ptr": sprintf("/%s", [name])} if {
	v := cfg[name]
	is_object(v)
	lib.known(v)
} else := {"v": v[0], "ptr": sprintf("/%s/0", [name])} if {
	v := cfg[name]
	is_array(v)
	is_object(v[0])
}

# ---------------------------------------------------------------------------
# Secret-looking names of environment variables.

secret_name_re := `(?i)(password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential|auth[_-]?key|client[_-]?secret)`

# Names that hold where to find a secret rather than the secret itself.
secret_ref_re := `(?i)(_arn|_file|_path|_name|_id|_url|_uri|_endpoint|_region|_length|_ttl|_expiry|_expiration|_header|_type|_version|_enabled|_param|_parameter|_key_id)$`

secret_like_name(n) if {
	is_string(n)
	regex.match(secret_name_re, n)
	not regex.match(secret_ref_re, n)
}

# literal_secret_value holds for a value that is written out in the
# configuration rather than fetched: a non-empty string that is not an
# ARN, a placeholder or a template.
literal_secret_value(v) if {
	is_string(v)
	t := trim_space(v)
	t != ""
	not startswith(t, "arn:")
	not startswith(t, "${")
	not startswith(t, "{{")
	not startswith(t, "$")
}

# container_definitions lists the container definitions of an ECS task
# definition written as a JSON string (jsonencode or heredoc).
container_definitions(r) := [c |
	s := r.config.container_definitions
	is_string(s)
	json.is_valid(s)
	some c in lib.as_list(json.unmarshal(s))
	is_object(c)
]
