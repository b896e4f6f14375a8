resource "aws_sns_topic" "alerts" {
  name = "alerts"
  # want
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["SNS:Subscribe", "SNS:Receive"]
      Resource  = "*"
    }]
  })
}

data "aws_iam_policy_document" "publish" {
  statement {
    actions   = ["SNS:Publish"]
    resources = ["*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}

resource "aws_sns_topic_policy" "events" {
  arn    = aws_sns_topic.alerts.arn
  # want
  policy = data.aws_iam_policy_document.publish.json
}
