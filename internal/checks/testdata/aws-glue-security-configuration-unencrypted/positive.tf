resource "aws_glue_security_configuration" "weak" {
  name = "weak"

  encryption_configuration {
    # want
    cloudwatch_encryption {
      cloudwatch_encryption_mode = "DISABLED"
    }

    # want
    job_bookmarks_encryption {
    }

    s3_encryption {
      kms_key_arn        = "arn:aws:kms:us-east-1:111122223333:key/example"
      s3_encryption_mode = "SSE-KMS"
    }
  }
}
