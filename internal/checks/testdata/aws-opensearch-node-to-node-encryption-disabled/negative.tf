variable "flag" {
  type = bool
}

resource "aws_opensearch_domain" "on" {
  domain_name    = "on"
  engine_version = "OpenSearch_2.11"

  node_to_node_encryption {
    enabled = true
  }
}

resource "aws_elasticsearch_domain" "unknown" {
  domain_name           = "unknown"
  elasticsearch_version = "7.10"

  node_to_node_encryption {
    enabled = var.flag
  }
}
