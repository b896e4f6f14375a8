variable "pattern" {}

resource "aws_cloudwatch_log_metric_filter" "errors" {
  name           = "unauthorized"
  pattern        = "{ ($.errorCode = \"*UnauthorizedOperation\") }"
  log_group_name = "cloudtrail"

  metric_transformation {
    name      = "Unauthorized"
    namespace = "Security"
    value     = "1"
  }
}

resource "aws_cloudwatch_log_metric_filter" "from_variable" {
  name           = "from-variable"
  pattern        = var.pattern
  log_group_name = "cloudtrail"

  metric_transformation {
    name      = "FromVariable"
    namespace = "Security"
    value     = "1"
  }
}
