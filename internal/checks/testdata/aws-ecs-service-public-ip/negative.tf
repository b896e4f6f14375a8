variable "public" {
  type = bool
}

resource "aws_ecs_service" "private" {
  name            = "private"
  task_definition = "web:1"
  launch_type     = "FARGATE"

  network_configuration {
    subnets          = ["subnet-1"]
    assign_public_ip = false
  }
}

resource "aws_ecs_service" "unknown" {
  name            = "unknown"
  task_definition = "web:1"

  network_configuration {
    subnets          = ["subnet-1"]
    assign_public_ip = var.public
  }
}

module "ecs" {
  source       = "terraform-aws-modules/ecs/aws"
  cluster_name = "main"
}
