variable "mode" {}

resource "aws_glue_security_configuration" "strong" {
  name = "strong"

  encryption_configuration {
    cloudwatch_encryption {
      cloudwatch_encryption_mode = "SSE-KMS"
      kms_key_arn                = "arn:aws:kms:us-east-1:111122223333:key/example"
    }

    job_bookmarks_encryption {
      job_bookmarks_encryption_mode = "CSE-KMS"
      kms_key_arn                   = "arn:aws:kms:us-east-1:111122223333:key/example"
    }

    s3_encryption {
      kms_key_arn        = "arn:aws:kms:us-east-1:111122223333:key/example"
      s3_encryption_mode = var.mode
    }
  }
}
