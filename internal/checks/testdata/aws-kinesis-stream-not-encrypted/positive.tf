# want
resource "aws_kinesis_stream" "missing" {
  name        = "missing"
  shard_count = 1
}

resource "aws_kinesis_stream" "none" {
  name            = "none"
  shard_count     = 1
  # want
  encryption_type = "NONE"
}
