# METADATA
# title: Security group exposes a database or cache port to the internet
# description: |
#   An ingress rule admitting a well-known database, cache or search port
#   (MySQL, PostgreSQL, SQL Server, Oracle, MongoDB, Redis, Memcached,
#   Elasticsearch, Cassandra, Redshift) from 0.0.0.0/0 or ::/0 exposes the
#   data store to the internet, where such ports are scanned constantly and
#   weak or default credentials lead straight to data theft or ransom.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.RDSSecurityGroups.html
# custom:
#   id: aws-sg-database-port-open-to-internet
#   severity: high
#   kind: terraform
#   resources: [aws_security_group, aws_security_group_rule, aws_vpc_security_group_ingress_rule, module]
#   cwe: [CWE-284]
#   remediation: Admit the database port only from the application's security group or private CIDR ranges; reach it from outside through a VPN or bastion.
#   related:
#     trivy: [AVD-AWS-0107]
package ward.checks.aws_sg_database_port_open_to_internet

import rego.v1

import data.ward.lib
import data.ward.lib.aws_infra as net

db_ports := {
	3306: "MySQL", 5432: "PostgreSQL", 1433: "SQL Server", 1521: "Oracle",
	27017: "MongoDB", 6379: "Redis", 11211: "Memcached", 9200: "Elasticsearch",
	9042: "Cassandra", 5439: "Redshift",
}

deny contains res if {
	some rule in net.sg_rules
	net.ingress_open(rule)
	not net.all_ports(rule)
	names := [sprintf("%s (%d)", [n, p]) | some p, n in db_ports; net.covers(rule, p, {"tcp"})]
	count(names) > 0
	res := lib.result(rule.r, rule.ptr, sprintf("%s admits %s from %s", [net.rule_where(rule), concat(", ", names), concat(", ", {c.v | some c in net.open_cidrs(rule)})]))
}
