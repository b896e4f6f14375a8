resource "aws_dax_cluster" "on" {
  cluster_name       = "on"
  iam_role_arn       = "arn:aws:iam::111122223333:role/dax"
  node_type          = "dax.r4.large"
  replication_factor = 1

  server_side_encryption {
    enabled = true
  }
}
