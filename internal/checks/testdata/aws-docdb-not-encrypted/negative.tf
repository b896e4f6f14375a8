variable "encrypted" {
  type = bool
}

resource "aws_docdb_cluster" "on" {
  cluster_identifier = "on"
  engine             = "docdb"
  storage_encrypted  = true
}

resource "aws_docdb_cluster" "unknown" {
  cluster_identifier = "unknown"
  engine             = "docdb"
  storage_encrypted  = var.encrypted
}
