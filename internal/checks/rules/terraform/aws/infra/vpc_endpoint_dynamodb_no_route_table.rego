# METADATA
# title: DynamoDB gateway endpoint is not associated with any route table
# description: |
#   A gateway VPC endpoint only carries traffic for the route tables it is
#   associated with. A DynamoDB endpoint without route tables is unused:
#   instances keep reaching DynamoDB over the internet or a NAT gateway, so
#   endpoint policies do not apply and traffic leaves the VPC.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html
# custom:
#   id: aws-vpc-endpoint-dynamodb-no-route-table
#   severity: low
#   kind: terraform
#   resources: [aws_vpc_endpoint]
#   cwe: [CWE-1188]
#   remediation: Set route_table_ids on the endpoint, or add aws_vpc_endpoint_route_table_association resources for the private subnets' route tables.
#   related:
#     kics: [0bc534c5-13d1-4353-a7fe-b8665d5c1d7d]
package ward.checks.aws_vpc_endpoint_dynamodb_no_route_table

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("aws_vpc_endpoint")
	is_string(r.config.service_name)
	endswith(r.config.service_name, ".dynamodb")
	lower(object.get(r.config, "vpc_endpoint_type", "Gateway")) == "gateway"
	no_route_tables(r.config)
	not lib.referenced_by(r, "aws_vpc_endpoint_route_table_association")
	res := lib.result(r, "", sprintf("%s (DynamoDB gateway endpoint) has no route table association", [r.name]))
}

no_route_tables(cfg) if lib.missing(cfg, "route_table_ids")

no_route_tables(cfg) if cfg.route_table_ids == []
