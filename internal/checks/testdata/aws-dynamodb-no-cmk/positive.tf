# want
resource "aws_dynamodb_table" "owned_key" {
  name     = "owned-key"
  hash_key = "id"

  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_dynamodb_table" "off" {
  name     = "off"
  hash_key = "id"

  attribute {
    name = "id"
    type = "S"
  }

  server_side_encryption {
    # want
    enabled = false
  }
}

resource "aws_dynamodb_table" "managed_key" {
  name     = "managed-key"
  hash_key = "id"

  attribute {
    name = "id"
    type = "S"
  }

  # want
  server_side_encryption {
    enabled = true
  }
}
