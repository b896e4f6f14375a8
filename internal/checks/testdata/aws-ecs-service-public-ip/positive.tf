resource "aws_ecs_service" "web" {
  name            = "web"
  task_definition = "web:1"
  launch_type     = "FARGATE"

  network_configuration {
    subnets          = ["subnet-1"]
    # want
    assign_public_ip = true
  }
}

module "ecs" {
  source       = "terraform-aws-modules/ecs/aws"
  cluster_name = "main"

  services = {
    api = {
      cpu    = 256
      memory = 512
      # want
      assign_public_ip = true
    }
    worker = {
      cpu    = 256
      memory = 512
    }
  }
}

module "svc" {
  source = "terraform-aws-modules/ecs/aws//modules/service"
  name   = "svc"
  # want
  assign_public_ip = true
}
