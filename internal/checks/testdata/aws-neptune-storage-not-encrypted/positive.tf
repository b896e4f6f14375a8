# want
resource "aws_neptune_cluster" "missing" {
  cluster_identifier = "missing"
  engine             = "neptune"
}

resource "aws_neptune_cluster" "off" {
  cluster_identifier = "off"
  # want
  storage_encrypted  = false
}
