# want
resource "aws_cloudformation_stack" "network" {
  name          = "network"
  template_body = "{}"
}

resource "aws_cloudformation_stack" "empty" {
  name              = "empty"
  template_body     = "{}"
  # want
  notification_arns = []
}
