# want
resource "aws_docdb_cluster" "missing" {
  cluster_identifier = "missing"
  engine             = "docdb"
}

resource "aws_docdb_cluster" "off" {
  cluster_identifier = "off"
  engine             = "docdb"
  # want
  storage_encrypted  = false
}
