variable "grantee_uri" {}

resource "aws_s3_bucket" "logs" {
  bucket = "example-logs"

  grant {
    type        = "Group"
    permissions = ["READ_ACP", "WRITE"]
    uri         = "http://acs.amazonaws.com/groups/s3/LogDelivery"
  }

  grant {
    type        = "Group"
    permissions = ["READ"]
    uri         = var.grantee_uri
  }
}

resource "aws_s3_bucket_acl" "owner_only" {
  bucket = aws_s3_bucket.logs.id

  access_control_policy {
    grant {
      grantee {
        id   = "owner-canonical-id"
        type = "CanonicalUser"
      }
      permission = "FULL_CONTROL"
    }

    owner {
      id = "owner-canonical-id"
    }
  }
}
