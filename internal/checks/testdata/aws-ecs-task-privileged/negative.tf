resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([
    {
      name       = "app"
      image      = "example/app:1.0"
      privileged = false
    },
    {
      name  = "sidecar"
      image = "example/sidecar:1.0"
    }
  ])
}

resource "aws_ecs_task_definition" "file" {
  family                = "file"
  container_definitions = file("containers.json")
}
