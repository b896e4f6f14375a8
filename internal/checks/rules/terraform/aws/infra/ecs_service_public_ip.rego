# METADATA
# title: ECS service assigns public IP addresses to its tasks
# description: |
#   assign_public_ip = true gives every Fargate or awsvpc task of the
#   service its own public address. The tasks become reachable from the
#   internet wherever their security group allows it, instead of only
#   through a load balancer.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-networking.html
# custom:
#   id: aws-ecs-service-public-ip
#   severity: medium
#   kind: terraform
#   resources: [aws_ecs_service, module]
#   cwe: [CWE-284]
#   remediation: Set assign_public_ip = false, run tasks in private subnets with a NAT gateway or VPC endpoints for egress, and publish them through a load balancer.
#   related:
#     kics: [bafe7989-3c4b-47f0-910b-e6e1cba7f146]
#     checkov: [CKV_AWS_333]
package ward.checks.aws_ecs_service_public_ip

import rego.v1

import data.ward.lib
import data.ward.lib.aws_infra as infra

deny contains res if {
	some r in lib.resources("aws_ecs_service")
	some i, nc in lib.blocks(r.config, "network_configuration")
	lib.is_true(nc.assign_public_ip)
	res := lib.result(r, sprintf("/network_configuration/%d/assign_public_ip", [i]), sprintf("%s gives its tasks public IP addresses", [r.name]))
}

# terraform-aws-modules/ecs: services = { name = { assign_public_ip = true } }
deny contains res if {
	some r in infra.modules("ecs")
	infra.module_source(r).sub == ""
	services := r.config.services
	is_object(services)
	some name, svc in services
	lib.is_true(object.get(svc, "assign_public_ip", false))
	res := lib.result(r, sprintf("/services/%s/assign_public_ip", [name]), sprintf("%s service %q gives its tasks public IP addresses", [r.name, name]))
}

# terraform-aws-modules/ecs//modules/service
deny contains res if {
	some r in infra.modules("ecs")
	infra.module_source(r).sub == "modules/service"
	lib.is_true(r.config.assign_public_ip)
	res := lib.result(r, "/assign_public_ip", sprintf("%s gives its tasks public IP addresses", [r.name]))
}
