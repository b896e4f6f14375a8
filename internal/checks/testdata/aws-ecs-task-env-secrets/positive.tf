resource "aws_ecs_task_definition" "app" {
  family = "app"
  # want
  container_definitions = jsonencode([
    {
      name  = "app"
      image = "example/app:1.0"
      environment = [
        { name = "LOG_LEVEL", value = "info" },
        { name = "DB_PASSWORD", value = "changeme-not-a-secret" },
      ]
    }
  ])
}
