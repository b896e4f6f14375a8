# want
resource "aws_sagemaker_notebook_instance" "default" {
  name          = "default"
  role_arn      = "arn:aws:iam::111122223333:role/notebook"
  instance_type = "ml.t3.medium"
}

resource "aws_sagemaker_notebook_instance" "enabled" {
  name                   = "enabled"
  role_arn               = "arn:aws:iam::111122223333:role/notebook"
  instance_type          = "ml.t3.medium"
  # want
  direct_internet_access = "Enabled"
}
