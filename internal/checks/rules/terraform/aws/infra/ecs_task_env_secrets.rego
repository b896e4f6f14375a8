# METADATA
# title: ECS task definition puts a secret in a plain environment variable
# description: |
#   Values in a container definition's "environment" are stored in clear in
#   the task definition, visible to anyone who can describe it, in the ECS
#   console and in Terraform state. A variable named like a password, token
#   or key with a literal value is a secret exposed this way.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html
# custom:
#   id: aws-ecs-task-env-secrets
#   severity: high
#   kind: terraform
#   resources: [aws_ecs_task_definition]
#   cwe: [CWE-798]
#   remediation: Move the value to Secrets Manager or SSM Parameter Store and reference it from the container definition's "secrets" list (valueFrom).
#   related:
#     trivy: [AVD-AWS-0036]
package ward.checks.aws_ecs_task_env_secrets

import rego.v1

import data.ward.lib
import data.ward.lib.aws_infra as infra

deny contains res if {
	some r in lib.resources("aws_ecs_task_definition")
	some c in infra.container_definitions(r)
	some e in lib.as_list(object.get(c, "environment", []))
	infra.secret_like_name(e.name)
	infra.literal_secret_value(e.value)
	res := lib.result(r, "/container_definitions", sprintf("%s container %q sets %s in plain environment", [r.name, object.get(c, "name", "?"), e.name]))
}
