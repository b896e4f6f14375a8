variable "pitr" {
  type = bool
}

resource "aws_dynamodb_table" "on" {
  name     = "on"
  hash_key = "id"

  attribute {
    name = "id"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }
}

resource "aws_dynamodb_table" "unknown" {
  name     = "unknown"
  hash_key = "id"

  attribute {
    name = "id"
    type = "S"
  }

  point_in_time_recovery {
    enabled = var.pitr
  }
}

module "table" {
  source                         = "terraform-aws-modules/dynamodb-table/aws"
  name                           = "module-table"
  hash_key                       = "id"
  point_in_time_recovery_enabled = true
}
