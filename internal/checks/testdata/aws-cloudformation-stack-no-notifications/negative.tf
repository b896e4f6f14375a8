variable "topics" {
  type = list(string)
}

resource "aws_cloudformation_stack" "network" {
  name              = "network"
  template_body     = "{}"
  notification_arns = ["arn:aws:sns:us-east-1:123456789012:stack-events"]
}

resource "aws_cloudformation_stack" "unknown" {
  name              = "unknown"
  template_body     = "{}"
  notification_arns = var.topics
}
