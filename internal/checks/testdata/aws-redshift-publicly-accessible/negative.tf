variable "public" {
  type = bool
}

resource "aws_redshift_cluster" "private" {
  cluster_identifier  = "private"
  node_type           = "ra3.xlplus"
  publicly_accessible = false
}

resource "aws_redshift_cluster" "default" {
  cluster_identifier = "default"
  node_type          = "ra3.xlplus"
}

resource "aws_redshift_cluster" "unknown" {
  cluster_identifier  = "unknown"
  node_type           = "ra3.xlplus"
  publicly_accessible = var.public
}
