variable "sse" {
  type = bool
}

resource "aws_kms_key" "table" {
  enable_key_rotation = true
}

resource "aws_dynamodb_table" "cmk" {
  name     = "cmk"
  hash_key = "id"

  attribute {
    name = "id"
    type = "S"
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.table.arn
  }
}

resource "aws_dynamodb_table" "unknown" {
  name     = "unknown"
  hash_key = "id"

  attribute {
    name = "id"
    type = "S"
  }

  server_side_encryption {
    enabled = var.sse
  }
}
