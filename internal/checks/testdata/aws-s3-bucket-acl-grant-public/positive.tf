resource "aws_s3_bucket" "legacy" {
  bucket = "example-legacy"

  grant {
    type        = "Group"
    permissions = ["READ"]
    # want
    uri         = "http://acs.amazonaws.com/groups/global/AllUsers"
  }
}

resource "aws_s3_bucket" "modern" {
  bucket = "example-modern"
}

resource "aws_s3_bucket_acl" "modern" {
  bucket = aws_s3_bucket.modern.id

  access_control_policy {
    grant {
      grantee {
        id   = "owner-canonical-id"
        type = "CanonicalUser"
      }
      permission = "FULL_CONTROL"
    }

    grant {
      grantee {
        type = "Group"
        # want
        uri  = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
      }
      permission = "READ"
    }

    owner {
      id = "owner-canonical-id"
    }
  }
}
