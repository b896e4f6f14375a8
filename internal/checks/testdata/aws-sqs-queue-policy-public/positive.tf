resource "aws_sqs_queue" "jobs" {
  name = "jobs"
  # want
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sqs:SendMessage"
      Resource  = "*"
    }]
  })
}

resource "aws_sqs_queue_policy" "jobs" {
  queue_url = aws_sqs_queue.jobs.id
  # want
  policy = <<POLICY
{
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"AWS": "*"},
      "Action": ["sqs:ReceiveMessage", "sqs:DeleteMessage"],
      "Resource": "*"
    }
  ]
}
POLICY
}
