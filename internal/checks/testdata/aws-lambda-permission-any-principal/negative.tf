resource "aws_lambda_permission" "s3" {
  statement_id  = "s3"
  action        = "lambda:InvokeFunction"
  function_name = "hook"
  principal     = "s3.amazonaws.com"
  source_arn    = "arn:aws:s3:::example-bucket"
}

resource "aws_lambda_permission" "org" {
  statement_id     = "org"
  action           = "lambda:InvokeFunction"
  function_name    = "hook"
  principal        = "*"
  principal_org_id = "o-example123"
}
