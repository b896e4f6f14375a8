# Helpers of the AWS data-store, encryption and logging checks
# (rules/terraform/aws/data): registry modules, resources tied to a bucket,
# and IAM policy documents (JSON strings or data.aws_iam_policy_document)
# normalised to one statement shape.
package ward.lib.aws_data

import rego.v1

import data.ward.lib

# --- attributes -------------------------------------------------------------

# off is where to report a setting cfg[key] that is absent ("", the
# resource or block), null or false; it is undefined when the setting is
# true or unknown.
off(cfg, key) := "" if not lib.has(cfg, key)

else := sprintf("/%s", [key]) if lib.false_or_missing(cfg, key)

# block_off is off for key inside the first nested block name, prefixed
# with the block's pointer ("" when the block is absent).
block_off(cfg, name, key) := "" if count(lib.blocks(cfg, name)) == 0

else := concat("", [sprintf("/%s/0", [name]), p]) if {
	b := lib.block(cfg, name)
	is_object(b)
	p := off(b, key)
}

# blank holds when cfg[key] is absent, null or the empty string.
blank(cfg, key) if lib.missing(cfg, key)

blank(cfg, key) if cfg[key] == ""

# ptr_of is "/key" when cfg has key, else "".
ptr_of(cfg, key) := sprintf("/%s", [key]) if lib.has(cfg, key)

else := ""

# --- registry modules -------------------------------------------------------

# module_source is a module call's registry address without the registry
# host ("terraform-aws-modules/s3-bucket/aws"); submodules ("//modules/x")
# keep their suffix, so they never match the root module's address.
module_source(r) := s if {
	r.type == "module"
	src := r.config.source
	is_string(src)
	s := trim_prefix(lower(src), "registry.terraform.io/")
}

# modules lists the document's calls of the registry module src.
modules(src) := [r | some r in lib.resources("module"); module_source(r) == src]

# module_version_below holds when a module call pins an exact version
# ("3.7.0", "= 3.7.0", "v3.7") lower than v ("3.9.0"); ranges and unknown
# versions never hold.
module_version_below(r, v) if {
	pinned := exact_version(r.config.version)
	semver.compare(pinned, v) < 0
}

exact_version(raw) := v if {
	is_string(raw)
	s := trim_prefix(trim_prefix(trim_space(trim_prefix(trim_space(raw), "=")), "v"), "V")
	regex.match(`^[0-9]+\.[0-9]+\.[0-9]+$`, s)
	v := s
} else := v if {
	is_string(raw)
	s := trim_prefix(trim_prefix(trim_space(trim_prefix(trim_space(raw), "=")), "v"), "V")
	regex.match(`^[0-9]+\.[0-9]+$`, s)
	v := concat("", [s, ".0"])
}

# --- resources tied to another ----------------------------------------------

# tied holds when resource o configures resource r: it refers to r, or
# names it by the same literal value of attribute key (bucket = "logs").
tied(o, r, _) if lib.refers(o, r)

tied(o, r, key) if {
	name := r.config[key]
	is_string(name)
	o.config[key] == name
}

# tied_of lists the resources of type t that configure r.
tied_of(r, t, key) := [o | some o in lib.resources(t); tied(o, r, key)]

# --- IAM policy documents ---------------------------------------------------

# statements lists the statements of resource r's policy attribute attr,
# normalised to {"effect", "public", "not_principal", "actions",
# "conditions": [{"test", "key", "values"}]}; it is undefined when Ward
# cannot know the policy (a reference to something other than one
# data.aws_iam_policy_document, a variable...).
statements(r, attr) := [normal_json(s) | some s in stmts] if {
	stmts := json_statements(r.config[attr])
}

statements(r, attr) := [normal_doc(s) | some s in doc_statements(policy_doc(r))] if {
	lib.unknown(r.config[attr])
	policy_doc(r)
}

# complete holds when statements(r, attr) is the whole policy: a JSON
# string, or a policy document that merges no other document.
complete(r, attr) if _ = json_statements(r.config[attr])

complete(r, attr) if {
	lib.unknown(r.config[attr])
	doc := policy_doc(r)
	every k in merge_keys {
		lib.missing(doc.config, k)
	}
}

merge_keys := ["source_policy_documents", "override_policy_documents", "source_json", "override_json"]

json_statements(v) := lib.as_list(object.get(json.unmarshal(v), "Statement", [])) if {
	is_string(v)
	json.is_valid(v)
	is_object(json.unmarshal(v))
}

# policy_doc is the single data.aws_iam_policy_document r refers to.
policy_doc(r) := doc if {
	docs := [d | some d in lib.resources("data.aws_iam_policy_document"); lib.refers(r, d)]
	count(docs) == 1
	doc := docs[0]
}

doc_statements(doc) := [s | some s in lib.blocks(doc.config, "statement"); is_object(s)]

normal_json(s) := {
	"effect": object.get(s, "Effect", ""),
	"public": json_public_flag(s),
	"not_principal": json_not_principal(s),
	"actions": [a | some a in lib.as_list(object.get(s, "Action", []))],
	"conditions": json_conditions(s),
}

json_not_principal(s) := true if lib.has(s, "NotPrincipal")

else := false

doc_not_principal(s) := true if count(lib.blocks(s, "not_principals")) > 0

else := false

json_public_flag(s) := true if json_public(s)

else := false

doc_public_flag(s) := true if doc_public(s)

else := false

json_public(s) if s.Principal == "*"

json_public(s) if "*" in lib.as_list(s.Principal.AWS)

json_public(s) if s.Principal == {"AWS": "*"}

json_conditions(s) := [{"test": test, "key": lower(k), "values": lib.as_list(v)} |
	some test, kv in object.get(s, "Condition", {})
	is_object(kv)
	some k, v in kv
]

normal_doc(s) := {
	"effect": object.get(s, "effect", "Allow"),
	"public": doc_public_flag(s),
	"not_principal": doc_not_principal(s),
	"actions": [a | some a in lib.as_list(object.get(s, "actions", []))],
	"conditions": doc_conditions(s),
}

doc_public(s) if {
	some p in lib.blocks(s, "principals")
	p.type in {"*", "AWS"}
	"*" in lib.as_list(p.identifiers)
}

doc_conditions(s) := [{"test": object.get(c, "test", ""), "key": key, "values": lib.as_list(object.get(c, "values", []))} |
	some c in lib.blocks(s, "condition")
	key := condition_key(c)
]

condition_key(c) := lower(c.variable) if is_string(c.variable)

else := "?"

# open_condition holds for condition keys that do not narrow who may call.
open_keys := {
	"aws:securetransport", "aws:currenttime", "aws:epochtime", "aws:requestedregion",
	"aws:useragent", "aws:referer", "s3:x-amz-acl", "s3:x-amz-server-side-encryption",
	"s3:x-amz-server-side-encryption-aws-kms-key-id", "s3:prefix", "s3:delimiter",
}

# public_allow holds for a statement granting access to anyone: Allow,
# principal "*" and no condition narrowing the caller.
public_allow(s) if {
	s.effect == "Allow"
	s.public
	every c in s.conditions {
		c.key in open_keys
	}
}

# secure_transport_is holds when statement s conditions on
# aws:SecureTransport being value ("true" or "false").
secure_transport_is(s, value) if {
	some c in s.conditions
	c.key == "aws:securetransport"
	lower(c.test) in {"bool", "boolifexists"}
	some v in c.values
	lower(sprintf("%v", [v])) == value
}

# --- CloudWatch metric filters and alarms on CloudTrail events ---------------

# trail_filters are the metric filters whose pattern reads CloudTrail
# event fields: the sign that this module sets up CloudTrail alerting.
trail_filters := [f |
	some f in lib.resources("aws_cloudwatch_log_metric_filter")
	is_string(f.config.pattern)
	regex.match(`\$\.(eventName|eventSource|errorCode|userIdentity)`, f.config.pattern)
]

# first_trail_filter is the trail filter written first.
first_trail_filter := f if {
	first := min({[x.line, x.path, x.name] | some x in trail_filters})
	some f in trail_filters
	[f.line, f.path, f.name] == first
}

# patterns_known holds when every metric filter's pattern is a known string.
patterns_known if {
	every f in lib.resources("aws_cloudwatch_log_metric_filter") {
		is_string(f.config.pattern)
	}
}

# event_names are the event names a pattern matches with "$.eventName = X".
event_names(p) := {m[1] |
	some m in regex.find_all_string_submatch_n(`\$\.eventName\s*=\s*["']?([A-Za-z0-9_*]+)`, p, -1)
}

# covers holds when filter f's pattern matches the events names (of
# source, unless source is ""): it lists them all, or does not filter on
# the event name at all.
covers(f, source, names) if {
	source != ""
	p := f.config.pattern
	source_in(p, source)
	fields := {m[1] | some m in regex.find_all_string_submatch_n(`\$\.([A-Za-z0-9_.]+)`, p, -1)}
	fields == {"eventSource"}
}

covers(f, source, names) if {
	p := f.config.pattern
	source_in(p, source)
	got := event_names(p)
	every n in names {
		n in got
	}
}

source_in(_, "")

source_in(p, source) if {
	source != ""
	contains(p, source)
}

# alarmed holds when a metric alarm watches filter f's metric (by a
# reference, or by its metric name and namespace), or when some alarm's
# metric is unknown (Ward cannot tell which filter it watches).
alarmed(f) if {
	some a in lib.resources("aws_cloudwatch_metric_alarm")
	lib.refers(a, f)
}

alarmed(f) if {
	some a in lib.resources("aws_cloudwatch_metric_alarm")
	some t in lib.blocks(f.config, "metric_transformation")
	a.config.metric_name == t.name
	object.get(a.config, "namespace", t.namespace) == t.namespace
}

alarmed(_) if {
	some a in lib.resources("aws_cloudwatch_metric_alarm")
	lib.unknown(a.config.metric_name)
	count([x | some x in a.config._refs; startswith(x, "aws_cloudwatch_log_metric_filter.")]) == 0
}

# alarm_missing holds when the module sets up CloudTrail metric filters
# but none that matches the events names (of source) has an alarm.
alarm_missing(source, names) if {
	count(trail_filters) > 0
	patterns_known
	not alarm_present(source, names)
}

alarm_present(source, names) if {
	some f in lib.resources("aws_cloudwatch_log_metric_filter")
	covers(f, source, names)
	alarmed(f)
}

# --- S3 Block Public Access ---------------------------------------------------

pab_types := {"aws_s3_bucket_public_access_block", "aws_s3_account_public_access_block"}

s3_module := "terraform-aws-modules/s3-bucket/aws"

# pab_gaps lists {"r", "ptr"} for each public access block (a resource, or
# an s3-bucket module call) where setting key is off: false, or absent
# where it defaults to false (the resources; module versions before 3.9.0).
pab_gaps(key) := array.concat(
	[{"r": r, "ptr": p} | some r in lib.resources_of(pab_types); p := off(r.config, key)],
	[{"r": m, "ptr": p} | some m in modules(s3_module); p := module_pab_off(m, key)],
)

module_pab_off(m, key) := sprintf("/%s", [key]) if lib.is_false(m.config[key])

module_pab_off(m, key) := "" if {
	lib.missing(m.config, key)
	module_version_below(m, "3.9.0")
}

# --- S3 buckets ----------------------------------------------------------------

# bucket_parts lists the resources of type t (aws_s3_bucket_logging...)
# that configure bucket b.
bucket_parts(b, t) := tied_of(b, t, "bucket")

# bucket_logged holds when bucket b has access logging, inline or through
# an aws_s3_bucket_logging (one that names b as its target also counts:
# its references cannot tell the two apart, and log buckets are exempt).
bucket_logged(b) if count(lib.blocks(b.config, "logging")) > 0

bucket_logged(b) if count(bucket_parts(b, "aws_s3_bucket_logging")) > 0

# log_bucket holds for a bucket that receives access logs.
log_bucket(b) if b.config.acl == "log-delivery-write"

log_bucket(b) if {
	some a in bucket_parts(b, "aws_s3_bucket_acl")
	a.config.acl == "log-delivery-write"
}

log_bucket(b) if {
	some o in lib.resources("aws_s3_bucket")
	o.name != b.name
	count(lib.blocks(o.config, "logging")) > 0
	lib.refers(o, b)
}

# trail_buckets lists the buckets and s3-bucket module calls that receive
# a CloudTrail trail's logs.
trail_buckets := {b |
	some b in array.concat(lib.resources("aws_s3_bucket"), modules(s3_module))
	some t in lib.resources("aws_cloudtrail")
	trail_writes_to(t, b)
}

trail_writes_to(t, b) if lib.refers(t, b)

trail_writes_to(t, b) if {
	name := t.config.s3_bucket_name
	is_string(name)
	b.config.bucket == name
}

# module_logged holds when an s3-bucket module call configures logging.
module_logged(m) if count(m.config.logging) > 0

module_logged(m) if lib.unknown(m.config.logging)

# search_domains are the Elasticsearch and OpenSearch domain types.
search_domains := {"aws_elasticsearch_domain", "aws_opensearch_domain"}
