resource "aws_sqs_queue" "plain" {
  name                    = "plain"
  # want
  sqs_managed_sse_enabled = false
}
