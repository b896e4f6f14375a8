resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([
    {
      name  = "app"
      image = "example/app:1.0"
      environment = [
        { name = "LOG_LEVEL", value = "info" },
        { name = "DB_PASSWORD_SECRET_ARN", value = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db" },
        { name = "API_TOKEN", value = "" },
      ]
      secrets = [
        { name = "DB_PASSWORD", valueFrom = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db" },
      ]
    }
  ])
}
