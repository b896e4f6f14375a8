resource "aws_docdb_cluster_parameter_group" "plaintext" {
  family = "docdb5.0"
  name   = "plaintext"

  parameter {
    name  = "audit_logs"
    value = "enabled"
  }

  parameter {
    name  = "tls"
    # want
    value = "disabled"
  }
}
