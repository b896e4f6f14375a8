# Helpers of the built-in Azure (azurerm) Terraform checks.
package ward.lib.tf_azure

import rego.v1

import data.ward.lib

# internet_source holds for an NSG source prefix that admits any address.
internet_source(v) if {
	is_string(v)
	lower(v) in {"*", "0.0.0.0", "0.0.0.0/0", "internet", "any", "::/0"}
}

# nsg_rules lists {"r", "rule", "ptr"} for every network security rule:
# azurerm_network_security_rule resources and the security_rule blocks
# of azurerm_network_security_group.
nsg_rules contains {"r": r, "rule": r.config, "ptr": ""} if {
	some r in lib.resources("azurerm_network_security_rule")
}

nsg_rules contains {"r": r, "rule": rule, "ptr": sprintf("/security_rule/%d", [i])} if {
	some r in lib.resources("azurerm_network_security_group")
	some i, rule in lib.blocks(r.config, "security_rule")
	is_object(rule)
}

# inbound_allow holds for a rule that allows inbound TCP traffic.
inbound_allow(rule) if {
	lower(rule.direction) == "inbound"
	lower(rule.access) == "allow"
	lower(rule.protocol) in {"tcp", "*"}
}

# open_source_ptrs lists the pointers (relative to the rule) of source
# prefixes that admit the whole Internet.
open_source_ptrs(rule) := array.concat(
	[p | internet_source(rule.source_address_prefix); p := "/source_address_prefix"],
	[sprintf("/source_address_prefixes/%d", [i]) |
		some i, v in lib.as_list(object.get(rule, "source_address_prefixes", []))
		internet_source(v)
	],
)

# covers_port holds when a destination port range of the rule covers p.
covers_port(rule, p) if port_covers(rule.destination_port_range, p)

covers_port(rule, p) if {
	some v in lib.as_list(object.get(rule, "destination_port_ranges", []))
	port_covers(v, p)
}

# port_covers holds when a port range ("*", "22", "20-30", 22) covers p.
port_covers(v, p) if v == "*"

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

# ip_number converts a dotted IPv4 address to a number.
ip_number(ip) := n if {
	is_string(ip)
	regex.match(`^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$`, ip)
	p := [to_number(s) | some s in split(ip, ".")]
	n := (((((p[0] * 256) + p[1]) * 256) + p[2]) * 256) + p[3]
}

private_blocks := ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8"]

# private_range holds when start and end lie in one private block.
private_range(start, end) if {
	some b in private_blocks
	net.cidr_contains(b, start)
	net.cidr_contains(b, end)
}

# wide_public_range holds when an IPv4 range [start, end] includes public
# addresses and spans more than 256 addresses (a /24).
wide_public_range(start, end) if {
	not private_range(start, end)
	ip_number(end) - ip_number(start) >= 256
}

# site_config is the first site_config block of an App Service, or {}.
site_config(cfg) := b if {
	b := lib.block(cfg, "site_config")
	is_object(b)
} else := {}

app_services := {
	"azurerm_app_service", "azurerm_linux_web_app", "azurerm_windows_web_app",
	"azurerm_app_service_slot", "azurerm_linux_web_app_slot", "azurerm_windows_web_app_slot",
}

function_apps := {
	"azurerm_function_app", "azurerm_linux_function_app", "azurerm_windows_function_app",
	"azurerm_function_app_slot", "azurerm_linux_function_app_slot", "azurerm_windows_function_app_slot",
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
