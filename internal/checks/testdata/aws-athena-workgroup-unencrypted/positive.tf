# want
resource "aws_athena_workgroup" "bare" {
  name = "bare"
}

resource "aws_athena_workgroup" "no_encryption" {
  name = "no-encryption"

  configuration {
    # want
    result_configuration {
      output_location = "s3://example-results/"
    }
  }
}

resource "aws_athena_workgroup" "overridable" {
  name = "overridable"

  configuration {
    # want
    enforce_workgroup_configuration = false

    result_configuration {
      output_location = "s3://example-results/"

      encryption_configuration {
        encryption_option = "SSE_KMS"
        kms_key_arn       = "arn:aws:kms:us-east-1:111122223333:key/example"
      }
    }
  }
}
