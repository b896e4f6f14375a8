# want
resource "aws_redshift_cluster" "missing" {
  cluster_identifier = "missing"
  node_type          = "ra3.xlplus"
}

resource "aws_redshift_cluster" "off" {
  cluster_identifier = "off"
  node_type          = "ra3.xlplus"
  # want
  encrypted          = false
}
