# want
resource "aws_sagemaker_notebook_instance" "missing" {
  name          = "missing"
  role_arn      = "arn:aws:iam::111122223333:role/notebook"
  instance_type = "ml.t3.medium"
}

resource "aws_sagemaker_notebook_instance" "empty" {
  name          = "empty"
  role_arn      = "arn:aws:iam::111122223333:role/notebook"
  instance_type = "ml.t3.medium"
  # want
  kms_key_id    = ""
}
