resource "aws_cloudwatch_log_group" "week" {
  name              = "week"
  # want
  retention_in_days = 7
}

variable "retention" {
  default = 90
}

resource "aws_cloudwatch_log_group" "from_default" {
  name              = "from-default"
  # want
  retention_in_days = var.retention
}
