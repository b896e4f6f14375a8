resource "aws_kms_key" "notebook" {
  enable_key_rotation = true
}

resource "aws_sagemaker_notebook_instance" "keyed" {
  name          = "keyed"
  role_arn      = "arn:aws:iam::111122223333:role/notebook"
  instance_type = "ml.t3.medium"
  kms_key_id    = aws_kms_key.notebook.id
}
