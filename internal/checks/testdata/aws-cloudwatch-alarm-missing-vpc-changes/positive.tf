resource "aws_cloudwatch_log_group" "trail" {
  name = "cloudtrail"
}

# want
resource "aws_cloudwatch_log_metric_filter" "no_alarm" {
  name           = "watched-events"
  pattern        = "{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) }"
  log_group_name = aws_cloudwatch_log_group.trail.name

  metric_transformation {
    name      = "WatchedEvents"
    namespace = "Security"
    value     = "1"
  }
}

resource "aws_cloudwatch_log_metric_filter" "partial" {
  name           = "partial-events"
  pattern        = "{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) }"
  log_group_name = aws_cloudwatch_log_group.trail.name

  metric_transformation {
    name      = "PartialEvents"
    namespace = "Security"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "partial" {
  alarm_name          = "partial-events"
  comparison_operator = "GreaterThanOrEqualToThreshold"
  evaluation_periods  = 1
  metric_name         = "PartialEvents"
  namespace           = "Security"
  period              = 300
  statistic           = "Sum"
  threshold           = 1
}
