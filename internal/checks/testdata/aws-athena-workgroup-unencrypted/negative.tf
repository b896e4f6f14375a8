resource "aws_athena_workgroup" "encrypted" {
  name = "encrypted"

  configuration {
    enforce_workgroup_configuration = true

    result_configuration {
      output_location = "s3://example-results/"

      encryption_configuration {
        encryption_option = "SSE_KMS"
        kms_key_arn       = "arn:aws:kms:us-east-1:111122223333:key/example"
      }
    }
  }
}
