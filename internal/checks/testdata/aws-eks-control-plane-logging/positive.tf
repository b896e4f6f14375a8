# want
resource "aws_eks_cluster" "none" {
  name     = "a"
  role_arn = "arn:aws:iam::123456789012:role/eks"

  vpc_config {
    subnet_ids = ["subnet-1"]
  }
}

resource "aws_eks_cluster" "partial" {
  name     = "b"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  # want
  enabled_cluster_log_types = ["api", "scheduler"]

  vpc_config {
    subnet_ids = ["subnet-1"]
  }
}
