# want
resource "aws_dynamodb_table" "missing" {
  name     = "missing"
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

  point_in_time_recovery {
    # want
    enabled = false
  }
}

module "table" {
  source   = "terraform-aws-modules/dynamodb-table/aws"
  name     = "module-table"
  hash_key = "id"
  # want
  point_in_time_recovery_enabled = false
}
