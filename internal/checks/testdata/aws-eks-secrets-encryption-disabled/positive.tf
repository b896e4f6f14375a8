# want
resource "aws_eks_cluster" "plain" {
  name     = "a"
  role_arn = "arn:aws:iam::123456789012:role/eks"

  vpc_config {
    subnet_ids = ["subnet-1"]
  }
}

resource "aws_eks_cluster" "wrong" {
  name     = "b"
  role_arn = "arn:aws:iam::123456789012:role/eks"

  vpc_config {
    subnet_ids = ["subnet-1"]
  }

  encryption_config {
    # want
    resources = ["configmaps"]
    provider {
      key_arn = "arn:aws:kms:us-east-1:123456789012:key/example"
    }
  }
}
