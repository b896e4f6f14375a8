# want
resource "aws_elasticache_replication_group" "missing" {
  replication_group_id = "missing"
  description          = "cache"
  node_type            = "cache.t4g.small"
}

resource "aws_elasticache_replication_group" "off" {
  replication_group_id       = "off"
  description                = "cache"
  node_type                  = "cache.t4g.small"
  # want
  at_rest_encryption_enabled = false
}
