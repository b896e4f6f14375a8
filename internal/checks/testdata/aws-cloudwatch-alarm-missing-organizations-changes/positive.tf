resource "aws_cloudwatch_log_group" "trail" {
  name = "cloudtrail"
}

# want
resource "aws_cloudwatch_log_metric_filter" "no_alarm" {
  name           = "watched-events"
  pattern        = "{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = \"AcceptHandshake\") || ($.eventName = \"AttachPolicy\") || ($.eventName = \"CreateAccount\") || ($.eventName = \"CreateOrganizationalUnit\") || ($.eventName = \"CreatePolicy\") || ($.eventName = \"DeclineHandshake\") || ($.eventName = \"DeleteOrganization\") || ($.eventName = \"DeleteOrganizationalUnit\") || ($.eventName = \"DeletePolicy\") || ($.eventName = \"DetachPolicy\") || ($.eventName = \"DisablePolicyType\") || ($.eventName = \"EnablePolicyType\") || ($.eventName = \"InviteAccountToOrganization\") || ($.eventName = \"LeaveOrganization\") || ($.eventName = \"MoveAccount\") || ($.eventName = \"RemoveAccountFromOrganization\") || ($.eventName = \"UpdatePolicy\") || ($.eventName = \"UpdateOrganizationalUnit\")) }"
  log_group_name = aws_cloudwatch_log_group.trail.name

  metric_transformation {
    name      = "WatchedEvents"
    namespace = "Security"
    value     = "1"
  }
}

resource "aws_cloudwatch_log_metric_filter" "partial" {
  name           = "partial-events"
  pattern        = "{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = \"CreateAccount\") || ($.eventName = \"LeaveOrganization\")) }"
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
