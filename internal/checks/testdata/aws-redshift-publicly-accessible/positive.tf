resource "aws_redshift_cluster" "public" {
  cluster_identifier  = "public"
  node_type           = "ra3.xlplus"
  encrypted           = true
  # want
  publicly_accessible = true
}
