# Application metrics only: this module does not set up CloudTrail alerting.
resource "aws_cloudwatch_log_metric_filter" "errors" {
  name           = "app-errors"
  pattern        = "ERROR"
  log_group_name = "/app/api"

  metric_transformation {
    name      = "AppErrors"
    namespace = "App"
    value     = "1"
  }
}
