# IAM policies of every form, normalised for the identity checks.
package ward.lib.aws_infra

import rego.v1

import data.ward.lib

# Identity policies whose document is the "policy" attribute.
policy_types := {"aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"}

inline_policy_types := {
	"aws_iam_user_policy": "aws_iam_user",
	"aws_iam_group_policy": "aws_iam_group",
	"aws_iam_role_policy": "aws_iam_role",
}

attachment_types := {
	"aws_iam_user_policy_attachment": "aws_iam_user",
	"aws_iam_group_policy_attachment": "aws_iam_group",
	"aws_iam_role_policy_attachment": "aws_iam_role",
}

principal_types := {"aws_iam_user", "aws_iam_group", "aws_iam_role"}

# inline_types_of maps a principal type to the inline policy types that
# attach to it.
inline_types_of[pt] := {t | some t, x in inline_policy_types; x == pt} if some pt in principal_types

all_attachment_types := {t | some t, _ in attachment_types} | {"aws_iam_policy_attachment"}

# json_policy parses a policy document string; undefined when Ward does
# not know it or it is not JSON.
json_policy(s) := d if {
	is_string(s)
	json.is_valid(s)
	d := json.unmarshal(s)
	is_object(d)
}

# json_statements normalises the statements of a parsed policy; ptr is
# the attribute holding the string. Each statement's ptr points into it
# ("/policy/Statement/0"), which has lines when the policy was written
# with jsonencode, and falls back to the attribute's line otherwise.
json_statements(d, ptr) := [norm_json(s, statement_ptr(d, ptr, i)) |
	some i, s in lib.as_list(object.get(d, "Statement", []))
	is_object(s)
]

statement_ptr(d, ptr, i) := sprintf("%s/Statement/%d", [ptr, i]) if is_array(d.Statement)

else := sprintf("%s/Statement", [ptr])

norm_json(s, ptr) := {
	"effect": object.get(s, "Effect", ""),
	"actions": str_list(object.get(s, "Action", [])),
	"not_actions": str_list(object.get(s, "NotAction", [])),
	"has_not_action": has_any(s, {"NotAction"}),
	"resources": str_list(object.get(s, "Resource", [])),
	"has_not_resource": has_any(s, {"NotResource"}),
	"principals": json_principals(object.get(s, "Principal", null)),
	"has_principal": has_any(s, {"Principal", "NotPrincipal"}),
	"condition": count(object.keys(object.get(s, "Condition", {}))) > 0,
	"ptr": ptr,
	"action_ptr": sprintf("%s/Action", [ptr]),
	"principal_ptr": sprintf("%s/Principal", [ptr]),
}

# has_any is true when obj has one of keys, else false.
has_any(obj, keys) if {
	some k in keys
	lib.has(obj, k)
} else := false

# json_principals lists a Principal as {"type", "id"} entries; "*" alone
# is {"type": "*", "id": "*"}.
json_principals(p) := [{"type": "*", "id": "*"}] if p == "*"

else := [{"type": t, "id": id} |
	is_object(p)
	some t, v in p
	some id in str_list(v)
]

# doc_statements normalises the statement blocks of a
# data.aws_iam_policy_document (effect defaults to Allow).
doc_statements(r) := [norm_doc(s, i) | some i, s in lib.blocks(r.config, "statement"); is_object(s)]

norm_doc(s, i) := {
	"effect": object.get(s, "effect", "Allow"),
	"actions": str_list(object.get(s, "actions", [])),
	"not_actions": str_list(object.get(s, "not_actions", [])),
	"has_not_action": count(lib.as_list(object.get(s, "not_actions", []))) > 0,
	"resources": str_list(object.get(s, "resources", [])),
	"has_not_resource": count(lib.as_list(object.get(s, "not_resources", []))) > 0,
	"principals": [{"type": p.type, "id": id} |
		some p in lib.blocks(s, "principals")
		some id in str_list(p.identifiers)
	],
	"has_principal": count(array.concat(lib.blocks(s, "principals"), lib.blocks(s, "not_principals"))) > 0,
	"condition": count(lib.blocks(s, "condition")) > 0,
	"ptr": sprintf("/statement/%d", [i]),
	"action_ptr": sprintf("/statement/%d/actions", [i]),
}

# own_statements are the statements written in a resource itself: its
# policy string, a role's inline_policy blocks, a policy document's
# statement blocks.
own_statements(r) := json_statements(json_policy(r.config.policy), "/policy") if {
	r.type in policy_types
} else := [s |
	r.type == "aws_iam_role"
	some i, b in lib.blocks(r.config, "inline_policy")
	some s in json_statements(json_policy(b.policy), sprintf("/inline_policy/%d/policy", [i]))
] if {
	r.type == "aws_iam_role"
} else := doc_statements(r) if {
	r.type == "data.aws_iam_policy_document"
} else := []

# statements are a policy resource's own statements, and those of the
# policy documents it refers to when its own policy is not known.
statements(r) := own_statements(r) if {
	count(own_statements(r)) > 0
} else := [s |
	some d in lib.resources("data.aws_iam_policy_document")
	lib.refers(r, d)
	some s in doc_statements(d)
] if {
	r.type in policy_types
} else := []

allows(s) if s.effect == "Allow"

# action_matches holds when an IAM action pattern (with * and ?)
# matches action, ignoring case.
action_matches(pattern, action) if glob.match(lower(pattern), null, lower(action))

# grants holds when statement s allows action (through Action or
# NotAction).
grants(s, action) if {
	allows(s)
	some p in s.actions
	action_matches(p, action)
}

grants(s, action) if {
	allows(s)
	s.has_not_action
	every p in s.not_actions {
		not action_matches(p, action)
	}
}

# broad_resource holds when a statement applies to every resource (or to
# a wildcard pattern of resources).
broad_resource(s) if "*" in s.resources

broad_resource(s) if s.has_not_resource

wildcard_resource(s) if {
	some res in s.resources
	contains(res, "*")
}

wildcard_resource(s) if s.has_not_resource

# identity statements: no Principal (resource policies have one).
identity(s) if not s.has_principal

# carriers are the resources that hold identity policies.
carriers := lib.resources_of({"aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role", "data.aws_iam_policy_document"})

# sources lists the policy resources that grant permissions to the
# principal p (a user, group or role of the document): inline policies,
# managed policies attached to it, and a role's own inline_policy blocks.
sources(p) := array.concat(
	[x | some x in lib.resources_of(inline_types_of[p.type]); lib.refers(x, p)],
	array.concat(attached(p), [p | p.type == "aws_iam_role"]),
)

attached(p) := [q |
	some a in lib.resources_of(all_attachment_types)
	attachment_target(a, p)
	some q in lib.resources("aws_iam_policy")
	lib.refers(a, q)
]

attachment_target(a, p) if {
	attachment_types[a.type] == p.type
	lib.refers(a, p)
}

attachment_target(a, p) if {
	a.type == "aws_iam_policy_attachment"
	lib.refers(a, p)
}

# linked holds when a policy resource grants to a principal of the
# document.
linked(x) if {
	some p in lib.resources_of(principal_types)
	some y in sources(p)
	y.id == x.id
	p.id != x.id
}

# principal_grants lists {"source", "action"} for each action of actions
# that a principal p is allowed on a wildcard resource through its
# policies, unless a statement of them denies it.
principal_grants(p, actions) := [g |
	srcs := sources(p)
	some x in srcs
	some s in statements(x)
	identity(s)
	not "*" in s.actions
	wildcard_resource(s)
	some a in actions
	grants(s, a)
	not denied(srcs, a)
	g := {"source": x.name, "action": a}
]

denied(srcs, a) if {
	some x in srcs
	some s in statements(x)
	s.effect == "Deny"
	some p in s.actions
	action_matches(p, a)
	"*" in s.resources
}

# escalation_hits reports a set of dangerous actions: on the principals
# of the document that hold them, and on policies that grant them to no
# principal of the document (attached elsewhere).
escalation_hits(actions, what) := array.concat(
	[lib.result(p, "", sprintf("%s can %s: it is allowed %s through %s", [p.name, what, concat(", ", {g.action | some g in gs}), concat(", ", {g.source | some g in gs})])) |
		some p in lib.resources_of(principal_types)
		gs := principal_grants(p, actions)
		count(gs) > 0
	],
	[lib.result(x, s.ptr, sprintf("%s allows %s on every resource, which lets its holder %s", [x.name, a, what])) |
		some x in lib.resources_of(policy_types)
		not linked(x)
		some s in statements(x)
		identity(s)
		not "*" in s.actions
		wildcard_resource(s)
		some a in actions
		grants(s, a)
	],
)
