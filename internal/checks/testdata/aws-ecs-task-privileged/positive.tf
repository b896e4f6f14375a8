resource "aws_ecs_task_definition" "agent" {
  family = "agent"
  # want
  container_definitions = jsonencode([
    {
      name       = "agent"
      image      = "example/agent:1.0"
      privileged = true
    }
  ])
}
