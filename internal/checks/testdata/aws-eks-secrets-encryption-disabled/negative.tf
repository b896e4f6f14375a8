variable "resources" {
  type = list(string)
}

resource "aws_eks_cluster" "ok" {
  name     = "a"
  role_arn = "arn:aws:iam::123456789012:role/eks"

  vpc_config {
    subnet_ids = ["subnet-1"]
  }

  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = "arn:aws:kms:us-east-1:123456789012:key/example"
    }
  }
}

resource "aws_eks_cluster" "unknown" {
  name     = "b"
  role_arn = "arn:aws:iam::123456789012:role/eks"

  vpc_config {
    subnet_ids = ["subnet-1"]
  }

  encryption_config {
    resources = var.resources
    provider {
      key_arn = "arn:aws:kms:us-east-1:123456789012:key/example"
    }
  }
}
