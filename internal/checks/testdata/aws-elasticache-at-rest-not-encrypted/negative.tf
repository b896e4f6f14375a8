variable "encrypted" {
  type = bool
}

resource "aws_elasticache_replication_group" "on" {
  replication_group_id       = "on"
  description                = "cache"
  node_type                  = "cache.t4g.small"
  at_rest_encryption_enabled = true
}

resource "aws_elasticache_replication_group" "unknown" {
  replication_group_id       = "unknown"
  description                = "cache"
  node_type                  = "cache.t4g.small"
  at_rest_encryption_enabled = var.encrypted
}

resource "aws_elasticache_replication_group" "valkey" {
  replication_group_id = "valkey"
  description          = "cache"
  engine               = "valkey"
  node_type            = "cache.t4g.small"
}
