# Security group rules of every form, normalised for the network checks.
package ward.lib.aws_infra

import rego.v1

import data.ward.lib

# open_cidr holds for an IPv4 or IPv6 CIDR that admits every address.
open_cidr(c) if c == "0.0.0.0/0"

open_cidr(c) if {
	is_string(c)
	endswith(c, "/0")
	addr := trim_suffix(c, "/0")
	contains(addr, ":")
	regex.match(`^[0:]+$`, addr)
}

# proto_name is "all", "tcp", "udp", "icmp" or the protocol as written.
proto_name(p) := "all" if {
	lower(sprintf("%v", [p])) in {"-1", "all"}
} else := "tcp" if {
	lower(sprintf("%v", [p])) in {"tcp", "6"}
} else := "udp" if {
	lower(sprintf("%v", [p])) in {"udp", "17"}
} else := "icmp" if {
	lower(sprintf("%v", [p])) in {"icmp", "1", "icmpv6", "58"}
} else := lower(sprintf("%v", [p])) if is_string(p)

# covers holds when rule admits traffic to port over one of protos.
covers(rule, _, _) if proto_name(rule.proto) == "all"

covers(rule, port, protos) if {
	proto_name(rule.proto) in protos
	num(rule.from) <= port
	port <= num(rule.to)
}

# all_ports holds when a rule admits every port of TCP or UDP at least.
all_ports(rule) if proto_name(rule.proto) == "all"

all_ports(rule) if {
	proto_name(rule.proto) in {"tcp", "udp"}
	num(rule.from) <= 1
	num(rule.to) >= 65535
}

# open_cidrs lists the {"v", "ptr"} entries of a rule open to everyone.
open_cidrs(rule) := [c | some c in rule.cidrs; open_cidr(c.v)]

# cidr_entries reads obj[k] (a list of CIDRs, one CIDR, or the comma
# separated string of terraform-aws-modules/security-group) as entries
# {"v", "ptr"} with base the pointer of obj.
cidr_entries(obj, base, k) := [{"v": c, "ptr": sprintf("%s/%s/%d", [base, k, j])} |
	some j, c in obj[k]
	is_string(c)
] if {
	is_array(obj[k])
} else := [{"v": trim_space(c), "ptr": sprintf("%s/%s", [base, k])} |
	some c in split(obj[k], ",")
] if {
	is_string(obj[k])
} else := []

cidrs_of(obj, base, keys) := [e |
	some k in keys
	some e in cidr_entries(obj, base, k)
]

# sg_rules lists every security group rule of the document as
# {"r", "dir" (ingress|egress), "ptr" (the rule's block or object, "" for
# a rule resource), "from", "to", "proto", "cidrs"}. Rules of
# terraform-aws-modules/security-group whose ports Ward cannot tell
# (ingress_cidr_blocks without named rules) have from, to, proto null.
sg_rules := array.concat(array.concat(inline_rules, resource_rules), module_rules)

inline_rules := [rule |
	some r in lib.resources_of({"aws_security_group", "aws_default_security_group"})
	some dir in ["ingress", "egress"]
	some i, b in lib.blocks(r.config, dir)
	is_object(b)
	ptr := sprintf("/%s/%d", [dir, i])
	rule := {
		"r": r, "dir": dir, "ptr": ptr,
		"from": object.get(b, "from_port", null), "to": object.get(b, "to_port", null),
		"proto": object.get(b, "protocol", null),
		"cidrs": cidrs_of(b, ptr, ["cidr_blocks", "ipv6_cidr_blocks"]),
	}
]

resource_rules := array.concat(
	[rule |
		some r in lib.resources("aws_security_group_rule")
		r.config.type in {"ingress", "egress"}
		rule := {
			"r": r, "dir": r.config.type, "ptr": "",
			"from": object.get(r.config, "from_port", null), "to": object.get(r.config, "to_port", null),
			"proto": object.get(r.config, "protocol", null),
			"cidrs": cidrs_of(r.config, "", ["cidr_blocks", "ipv6_cidr_blocks"]),
		}
	],
	[rule |
		some r in lib.resources_of({"aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"})
		rule := {
			"r": r, "dir": vpc_rule_dir[r.type], "ptr": "",
			"from": object.get(r.config, "from_port", null), "to": object.get(r.config, "to_port", null),
			"proto": object.get(r.config, "ip_protocol", null),
			"cidrs": cidrs_of(r.config, "", ["cidr_ipv4", "cidr_ipv6"]),
		}
	],
)

vpc_rule_dir := {"aws_vpc_security_group_ingress_rule": "ingress", "aws_vpc_security_group_egress_rule": "egress"}

# Rules of terraform-aws-modules/security-group: rules written out
# (ingress_with_cidr_blocks...) and named rules over the module's
# ingress_cidr_blocks (ingress_rules, and a submodule's own rules).
module_rules := array.concat(module_object_rules, module_named_rules)

module_object_rules := [rule |
	some r in modules("security-group")
	some dir in ["ingress", "egress"]
	some k in ["with_cidr_blocks", "with_ipv6_cidr_blocks"]
	key := sprintf("%s_%s", [dir, k])
	some i, o in lib.as_list(object.get(r.config, key, []))
	is_object(o)
	ptr := sprintf("/%s/%d", [key, i])
	ports := object_ports(o)
	rule := {
		"r": r, "dir": dir, "ptr": ptr,
		"from": ports.from, "to": ports.to, "proto": ports.proto,
		"cidrs": object_cidrs(r, o, ptr, dir, k),
	}
]

# object_ports reads the ports of a module rule object: written out, or
# a named rule.
object_ports(o) := named_rules[o.rule] if {
	not lib.has(o, "from_port")
	is_string(o.rule)
} else := {"from": object.get(o, "from_port", null), "to": object.get(o, "to_port", null), "proto": object.get(o, "protocol", null)}

# object_cidrs are the object's own CIDRs, else the module's default list
# (ingress_cidr_blocks / ingress_ipv6_cidr_blocks).
object_cidrs(r, o, ptr, dir, k) := cidrs_of(o, ptr, [own]) if {
	own := trim_prefix(k, "with_")
	lib.has(o, own)
} else := cidrs_of(r.config, "", [sprintf("%s_%s", [dir, trim_prefix(k, "with_")])])

module_named_rules := [rule |
	some r in modules("security-group")
	some dir in ["ingress", "egress"]
	cidrs := cidrs_of(r.config, "", [sprintf("%s_cidr_blocks", [dir]), sprintf("%s_ipv6_cidr_blocks", [dir])])
	count(cidrs) > 0
	some n in named_ports(r, dir)
	rule := {"r": r, "dir": dir, "ptr": n.ptr, "from": n.ports.from, "to": n.ports.to, "proto": n.ports.proto, "cidrs": cidrs}
]

# named_ports lists {"ports", "ptr"} of a module call's named rules of
# dir, or one entry of unknown ports when there are none Ward can read.
named_ports(r, dir) := ns if {
	ns := [{"ports": named_rules[n.name], "ptr": n.ptr} | some n in rule_names(r, dir); named_rules[n.name]]
	count(ns) > 0
} else := [{"ports": {"from": null, "to": null, "proto": null}, "ptr": ""}]

rule_names(r, dir) := array.concat(
	[{"name": n, "ptr": sprintf("/%s_rules/%d", [dir, j])} |
		some j, n in lib.as_list(object.get(r.config, sprintf("%s_rules", [dir]), []))
		is_string(n)
	],
	[{"name": n, "ptr": ""} | some n in auto_rules(r, dir)],
)

# auto_rules are the rules a submodule (modules/ssh...) opens by itself.
auto_rules(r, "ingress") := [n |
	sub := trim_prefix(module_source(r).sub, "modules/")
	sub != ""
	some n, _ in named_rules
	startswith(n, sprintf("%s-", [sub]))
]

auto_rules(_, "egress") := []

# named_rules are some rules of terraform-aws-modules/security-group
# (rules.tf): the ones the network checks care about.
named_rules := {
	"all-all": {"from": -1, "to": -1, "proto": "-1"},
	"all-tcp": {"from": 0, "to": 65535, "proto": "tcp"},
	"all-udp": {"from": 0, "to": 65535, "proto": "udp"},
	"ssh-tcp": {"from": 22, "to": 22, "proto": "tcp"},
	"rdp-tcp": {"from": 3389, "to": 3389, "proto": "tcp"},
	"rdp-udp": {"from": 3389, "to": 3389, "proto": "udp"},
	"winrm-http-tcp": {"from": 5985, "to": 5985, "proto": "tcp"},
	"winrm-https-tcp": {"from": 5986, "to": 5986, "proto": "tcp"},
	"mysql-tcp": {"from": 3306, "to": 3306, "proto": "tcp"},
	"postgresql-tcp": {"from": 5432, "to": 5432, "proto": "tcp"},
	"mssql-tcp": {"from": 1433, "to": 1433, "proto": "tcp"},
	"oracle-db-tcp": {"from": 1521, "to": 1521, "proto": "tcp"},
	"mongodb-27017-tcp": {"from": 27017, "to": 27017, "proto": "tcp"},
	"mongodb-27018-tcp": {"from": 27018, "to": 27018, "proto": "tcp"},
	"mongodb-27019-tcp": {"from": 27019, "to": 27019, "proto": "tcp"},
	"redis-tcp": {"from": 6379, "to": 6379, "proto": "tcp"},
	"memcached-tcp": {"from": 11211, "to": 11211, "proto": "tcp"},
	"elasticsearch-rest-tcp": {"from": 9200, "to": 9200, "proto": "tcp"},
	"elasticsearch-java-tcp": {"from": 9300, "to": 9300, "proto": "tcp"},
	"cassandra-clients-tcp": {"from": 9042, "to": 9042, "proto": "tcp"},
	"redshift-tcp": {"from": 5439, "to": 5439, "proto": "tcp"},
	"kubernetes-api-tcp": {"from": 6443, "to": 6443, "proto": "tcp"},
	"etcd-client-tcp": {"from": 2379, "to": 2379, "proto": "tcp"},
	"docker-swarm-mngmt-tcp": {"from": 2377, "to": 2377, "proto": "tcp"},
	"http-80-tcp": {"from": 80, "to": 80, "proto": "tcp"},
	"http-8080-tcp": {"from": 8080, "to": 8080, "proto": "tcp"},
	"https-443-tcp": {"from": 443, "to": 443, "proto": "tcp"},
	"https-8443-tcp": {"from": 8443, "to": 8443, "proto": "tcp"},
}

# rule_where names where a rule is: "aws_security_group.web ingress #2".
rule_where(rule) := sprintf("%s (%s)", [rule.r.name, trim_prefix(rule.ptr, "/")]) if rule.ptr != ""

else := rule.r.name

# ingress_open holds for an ingress rule admitting every address.
ingress_open(rule) if {
	rule.dir == "ingress"
	count(open_cidrs(rule)) > 0
}
