resource "aws_cloudwatch_log_metric_filter" "organizations" {
  name           = "organizations"
  pattern        = "{ $.eventSource = \"organizations.amazonaws.com\" }"
  log_group_name = "cloudtrail"

  metric_transformation {
    name      = "OrganizationsEvents"
    namespace = "Security"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "organizations" {
  alarm_name          = "organizations"
  comparison_operator = "GreaterThanOrEqualToThreshold"
  evaluation_periods  = 1
  metric_name         = aws_cloudwatch_log_metric_filter.organizations.id
  namespace           = "Security"
  period              = 300
  statistic           = "Sum"
  threshold           = 1
}
