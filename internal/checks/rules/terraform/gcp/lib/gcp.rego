# Helpers of the built-in Google Cloud (google provider) Terraform checks.
package ward.lib.tf_gcp

import rego.v1

import data.ward.lib

public_members := {"allUsers", "allAuthenticatedUsers"}

# iam_grants lists {"r", "role", "role_ptr", "member", "member_ptr"} for
# every role grant of the document: google_*_iam_member (member, or the
# members list some configurations write), google_*_iam_binding (members)
# and the binding blocks of data.google_iam_policy.
iam_grants contains g if {
	some r in input.resources
	is_iam_resource(r.type)
	some m in resource_members(r.config)
	g := {"r": r, "role": r.config.role, "role_ptr": "/role", "member": m.member, "member_ptr": m.ptr}
}

iam_grants contains g if {
	some r in lib.resources("data.google_iam_policy")
	some i, b in lib.blocks(r.config, "binding")
	some j, m in lib.as_list(object.get(b, "members", []))
	is_string(m)
	g := {
		"r": r, "role": b.role, "role_ptr": sprintf("/binding/%d/role", [i]),
		"member": m, "member_ptr": sprintf("/binding/%d/members/%d", [i, j]),
	}
}

is_iam_resource(t) if {
	startswith(t, "google_")
	endswith(t, "_iam_member")
}

is_iam_resource(t) if {
	startswith(t, "google_")
	endswith(t, "_iam_binding")
}

resource_members(cfg) := [{"member": cfg.member, "ptr": "/member"}] if {
	is_string(cfg.member)
} else := [{"member": m, "ptr": sprintf("/members/%d", [i])} |
	some i, m in lib.as_list(object.get(cfg, "members", []))
	is_string(m)
]

# project_level holds for IAM resources that grant on a project, folder or
# organization (not on a single bucket, key or service account).
project_level(t) if {
	some p in ["google_project_iam_", "google_folder_iam_", "google_organization_iam_"]
	startswith(t, p)
}

# service_account_member holds for a member naming a service account.
service_account_member(m) if {
	is_string(m)
	startswith(m, "serviceAccount:")
}

# human_member holds for members that name people or groups of people.
human_member(m) if {
	is_string(m)
	some p in ["user:", "group:", "domain:"]
	startswith(m, p)
}

# Firewall rules ---------------------------------------------------------

# open_source_ptrs lists the pointers of the source ranges that admit any
# address, for an enabled ingress firewall rule (empty otherwise).
open_source_ptrs(cfg) := [sprintf("/source_ranges/%d", [i]) |
	not lib.is_true(object.get(cfg, "disabled", false))
	ingress(cfg)
	some i, c in lib.as_list(object.get(cfg, "source_ranges", []))
	lib.cidr_open(c)
]

ingress(cfg) if lib.missing(cfg, "direction")

ingress(cfg) if cfg.direction == "INGRESS"

# allows_port holds when an allow block of the rule admits TCP port p.
allows_port(cfg, p) if {
	some a in lib.blocks(cfg, "allow")
	lower(a.protocol) in {"tcp", "all"}
	ports_cover(object.get(a, "ports", null), p)
}

ports_cover(ports, _) if ports == null

ports_cover(ports, _) if ports == []

ports_cover(ports, p) if {
	some v in lib.as_list(ports)
	port_covers(v, p)
}

port_covers(v, p) if v == p

port_covers(v, p) if {
	is_string(v)
	regex.match(`^\s*\d+\s*$`, v)
	to_number(trim_space(v)) == p
}

port_covers(v, p) if {
	is_string(v)
	parts := regex.find_all_string_submatch_n(`^\s*(\d+)\s*-\s*(\d+)\s*$`, v, 1)
	count(parts) == 1
	lib.port_in(p, parts[0][1], parts[0][2])
}

# Compute instances ------------------------------------------------------

instance_types := {"google_compute_instance", "google_compute_instance_template", "google_compute_region_instance_template"}

# metadata_values lists {"r", "v", "ptr"} for every value of metadata key
# key on compute instances, templates and project metadata.
metadata_values(key) := instance_md(key) | project_md_items(key)

instance_md(key) := {{"r": r, "v": r.config.metadata[key], "ptr": sprintf("/metadata/%s", [key])} |
	some r in lib.resources_of(instance_types | {"google_compute_project_metadata"})
	is_object(r.config.metadata)
	_ = r.config.metadata[key]
}

project_md_items(key) := {{"r": r, "v": r.config.value, "ptr": "/value"} |
	some r in lib.resources("google_compute_project_metadata_item")
	r.config.key == key
}

# default_compute_sa holds for a service_account block that uses the
# Compute Engine default service account (no email, or the default one).
default_compute_sa(sa) if lib.missing(sa, "email")

default_compute_sa(sa) if {
	is_string(sa.email)
	endswith(sa.email, "-compute@developer.gserviceaccount.com")
}

default_compute_sa(sa) if sa.email == "default"

# IAM scope ----------------------------------------------------------------

high_level_policies := {"google_project_iam_policy", "google_folder_iam_policy", "google_organization_iam_policy"}

# applied_high holds for a data.google_iam_policy that a project, folder or
# organization IAM policy resource applies.
applied_high(d) if {
	some t in high_level_policies
	lib.referenced_by(d, t)
}

# applied_low holds for a data.google_iam_policy applied only to narrower
# resources (a bucket, a key, a service account).
applied_low(d) if {
	not applied_high(d)
	some r in input.resources
	endswith(r.type, "_iam_policy")
	not r.type in high_level_policies
	lib.refers(r, d)
}

# high_level_grant holds for grants on a project, folder or organization:
# their IAM member/binding resources, and data.google_iam_policy bindings
# that a project, folder or organization policy applies.
high_level_grant(g) if project_level(g.r.type)

high_level_grant(g) if {
	g.r.type == "data.google_iam_policy"
	applied_high(g.r)
}

# linked holds when resource a points at resource b through attribute
# attr: a reference in the configuration (config._refs), or, where there
# are no references (a plan, a literal, a variable), a value that is
# unknown or equal to b's id or name. Unknown counts as linked so that a
# "missing companion resource" check stays silent when in doubt.
linked(a, b, _) if lib.refers(a, b)

linked(a, b, attr) if {
	lib.missing(a.config, "_refs")
	link_value(a.config[attr], b)
}

link_value(v, _) if lib.unknown(v)

link_value(v, b) if {
	is_string(v)
	some k in ["id", "name", "self_link"]
	v == b.config[k]
}

# role_text is a role for messages ("a role" when it is not known).
role_text(role) := role if is_string(role)

else := "a role"
