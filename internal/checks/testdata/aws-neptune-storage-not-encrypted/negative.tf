variable "encrypted" {
  type = bool
}

resource "aws_neptune_cluster" "on" {
  cluster_identifier = "on"
  storage_encrypted  = true
  kms_key_arn        = aws_kms_key.graph.arn
}

resource "aws_neptune_cluster" "unknown" {
  cluster_identifier = "unknown"
  storage_encrypted  = var.encrypted
}

resource "aws_neptune_cluster" "restored" {
  cluster_identifier  = "restored"
  snapshot_identifier = "encrypted-snapshot"
}

resource "aws_kms_key" "graph" {
  enable_key_rotation = true
}
