variable "encrypted" {
  type = bool
}

resource "aws_redshift_cluster" "on" {
  cluster_identifier = "on"
  node_type          = "ra3.xlplus"
  encrypted          = true
}

resource "aws_redshift_cluster" "unknown" {
  cluster_identifier = "unknown"
  node_type          = "ra3.xlplus"
  encrypted          = var.encrypted
}

resource "aws_redshift_cluster" "restored" {
  cluster_identifier  = "restored"
  node_type           = "ra3.xlplus"
  snapshot_identifier = "encrypted-snapshot"
}
