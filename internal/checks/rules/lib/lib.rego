# Shared helpers of Ward's built-in checks, importable by custom checks
# as data.ward.lib.
#
# A Rego pitfall to keep in mind: `not f(x.absent)` is undefined (not
# true) when x.absent is missing, for functions and builtins alike; read
# optional values with object.get(x, "absent", null) before negating.
package ward.lib

import rego.v1

# result is what a check's deny rule returns: ptr is a JSON pointer into
# r.config ("" for the resource itself) whose line Ward reports.
result(r, ptr, msg) := {"msg": msg, "resource": r.id, "ptr": ptr}

# resources lists the document's resources of type t (input.by_type is
# the resources indexed by type, built by Ward for each evaluation).
resources(t) := object.get(input.by_type, t, [])

# resources_of lists the document's resources whose type is in the set ts.
resources_of(ts) := [r | some t in ts; some r in object.get(input.by_type, t, [])]

# unknown holds for a value Ward cannot know statically.
unknown(v) if {
	is_object(v)
	v.__unknown__ == true
}

known(v) if not unknown(v)

# has holds when obj has key (whatever its value, null included).
has(obj, key) if {
	is_object(obj)
	_ = obj[key]
}

# missing holds when obj lacks key or sets it to null.
missing(obj, key) if not has(obj, key)

missing(obj, key) if obj[key] == null

# is_true and is_false accept booleans and their string spellings.
is_true(v) if v == true

is_true(v) if {
	is_string(v)
	lower(v) in {"true", "yes", "on", "1"}
}

is_false(v) if v == false

is_false(v) if {
	is_string(v)
	lower(v) in {"false", "no", "off", "0"}
}

# false_or_missing holds when obj[key] is absent, null or false, but not
# when it is unknown or true.
false_or_missing(obj, key) if missing(obj, key)

false_or_missing(obj, key) if is_false(obj[key])

# not_true holds when obj[key] is known and not true (absent counts).
not_true(obj, key) if false_or_missing(obj, key)

# get reads a nested value by a path of keys and indexes, or default.
get(obj, path, default_value) := object.get(obj, path, default_value)

# block is the first nested block of a Terraform resource's config.
block(cfg, name) := b if {
	bs := cfg[name]
	is_array(bs)
	b := bs[0]
}

# blocks lists the nested blocks named name (empty when there are none).
blocks(cfg, name) := bs if {
	bs := cfg[name]
	is_array(bs)
} else := []

# as_list wraps a single value in a list; lists are returned as they are.
as_list(v) := v if is_array(v)

else := [] if v == null

else := [v]

# pointer splits a JSON pointer into the path object.get takes.
pointer_path(p) := [] if p == ""

else := [unescape(s) | some s in array.slice(split(p, "/"), 1, count(split(p, "/")))]

unescape(s) := replace(replace(s, "~1", "/"), "~0", "~")

# Kubernetes: the pod spec of a workload and its pointer (see iac.PodPointerKey).
pod_ptr(r) := r.config._pod

pod_spec(r) := spec if {
	spec := object.get(r.config, pointer_path(r.config._pod), null)
	is_object(spec)
}

# containers lists {"c": container, "ptr": pointer, "kind": list name} for
# every container, init container and ephemeral container of a workload.
containers(r) := [x |
	spec := pod_spec(r)
	some k in ["containers", "initContainers", "ephemeralContainers"]
	some i, c in as_list(object.get(spec, k, []))
	is_object(c)
	x := {"c": c, "ptr": sprintf("%s/%s/%d", [r.config._pod, k, i]), "kind": k}
]

# workloads are the document's resources that carry a pod spec.
workloads := [r | some r in input.resources; pod_spec(r)]

# cidr_open holds for a CIDR that admits any address.
cidr_open(c) if c in {"0.0.0.0/0", "::/0", "0000:0000:0000:0000:0000:0000:0000:0000/0", "*", "Internet", "any", "Any"}

# port_in holds when port p lies in [from, to] (numbers or strings).
port_in(p, from, to) if {
	to_number(from) <= p
	p <= to_number(to)
}

# refers holds when resource a's expressions refer to resource b
# (Terraform: bucket = aws_s3_bucket.logs.id). See config._refs.
refers(a, b) if b.name in object.get(a.config, "_refs", [])

# referenced holds when any resource of type t refers to r.
referenced_by(r, t) if {
	some o in resources(t)
	refers(o, r)
}
