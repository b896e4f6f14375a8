variable "internet" {}

resource "aws_sagemaker_notebook_instance" "private" {
  name                   = "private"
  role_arn               = "arn:aws:iam::111122223333:role/notebook"
  instance_type          = "ml.t3.medium"
  subnet_id              = "subnet-private"
  security_groups        = ["sg-notebook"]
  direct_internet_access = "Disabled"
}

resource "aws_sagemaker_notebook_instance" "unknown" {
  name                   = "unknown"
  role_arn               = "arn:aws:iam::111122223333:role/notebook"
  instance_type          = "ml.t3.medium"
  direct_internet_access = var.internet
}
