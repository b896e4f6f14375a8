resource "aws_eks_cluster" "default_cidrs" {
  name     = "a"
  role_arn = "arn:aws:iam::123456789012:role/eks"

  # want
  vpc_config {
    subnet_ids = ["subnet-1", "subnet-2"]
  }
}

resource "aws_eks_cluster" "open" {
  name     = "b"
  role_arn = "arn:aws:iam::123456789012:role/eks"

  vpc_config {
    subnet_ids             = ["subnet-1", "subnet-2"]
    endpoint_public_access = true
    # want
    public_access_cidrs    = ["0.0.0.0/0"]
  }
}
