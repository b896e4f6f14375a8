# want
resource "aws_dax_cluster" "missing" {
  cluster_name       = "missing"
  iam_role_arn       = "arn:aws:iam::111122223333:role/dax"
  node_type          = "dax.r4.large"
  replication_factor = 1
}

resource "aws_dax_cluster" "off" {
  cluster_name       = "off"
  iam_role_arn       = "arn:aws:iam::111122223333:role/dax"
  node_type          = "dax.r4.large"
  replication_factor = 1

  server_side_encryption {
    # want
    enabled = false
  }
}
