variable "tls" {}

resource "aws_docdb_cluster_parameter_group" "tls" {
  family = "docdb5.0"
  name   = "tls"

  parameter {
    name  = "tls"
    value = "enabled"
  }
}

resource "aws_docdb_cluster_parameter_group" "unknown" {
  family = "docdb5.0"
  name   = "unknown"

  parameter {
    name  = "tls"
    value = var.tls
  }
}

resource "aws_docdb_cluster_parameter_group" "defaults" {
  family = "docdb5.0"
  name   = "defaults"
}
