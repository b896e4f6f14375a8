# METADATA
# title: ECS task definition runs a privileged container
# description: |
#   A container definition with "privileged": true runs with all Linux
#   capabilities and access to the host's devices. A compromise of the
#   container is a compromise of the EC2 container instance and of every
#   other task and credential on it.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security
# custom:
#   id: aws-ecs-task-privileged
#   severity: high
#   kind: terraform
#   resources: [aws_ecs_task_definition]
#   cwe: [CWE-250]
#   remediation: Drop the privileged flag from the container definition and grant only the Linux capabilities the container needs through linuxParameters.capabilities.add.
#   related:
#     checkov: [CKV_AWS_334]
package ward.checks.aws_ecs_task_privileged

import rego.v1

import data.ward.lib
import data.ward.lib.aws_infra as infra

deny contains res if {
	some r in lib.resources("aws_ecs_task_definition")
	some c in infra.container_definitions(r)
	lib.is_true(object.get(c, "privileged", false))
	res := lib.result(r, "/container_definitions", sprintf("%s runs container %q privileged", [r.name, object.get(c, "name", "?")]))
}
