variable "log_types" {
  type = list(string)
}

resource "aws_eks_cluster" "all" {
  name                      = "a"
  role_arn                  = "arn:aws:iam::123456789012:role/eks"
  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]

  vpc_config {
    subnet_ids = ["subnet-1"]
  }
}

resource "aws_eks_cluster" "unknown" {
  name                      = "b"
  role_arn                  = "arn:aws:iam::123456789012:role/eks"
  enabled_cluster_log_types = var.log_types

  vpc_config {
    subnet_ids = ["subnet-1"]
  }
}
