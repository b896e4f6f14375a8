resource "aws_sns_topic" "s3_events" {
  name = "s3-events"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "s3.amazonaws.com" }
      Action    = "SNS:Publish"
      Resource  = "*"
    }]
  })
}

data "aws_iam_policy_document" "publish" {
  statement {
    actions   = ["SNS:Publish"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:aws:s3:::example-bucket"]
    }
  }
}

resource "aws_sns_topic_policy" "events" {
  arn    = aws_sns_topic.s3_events.arn
  policy = data.aws_iam_policy_document.publish.json
}
