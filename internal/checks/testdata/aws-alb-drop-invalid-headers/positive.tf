# want
resource "aws_lb" "web" {
  name    = "web"
  subnets = ["subnet-1", "subnet-2"]
}

resource "aws_alb" "api" {
  name                       = "api"
  load_balancer_type         = "application"
  subnets                    = ["subnet-1", "subnet-2"]
  # want
  drop_invalid_header_fields = false
}
