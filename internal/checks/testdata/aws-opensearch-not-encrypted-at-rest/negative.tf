variable "flag" {
  type = bool
}

resource "aws_opensearch_domain" "on" {
  domain_name    = "on"
  engine_version = "OpenSearch_2.11"

  encrypt_at_rest {
    enabled = true
  }
}

resource "aws_elasticsearch_domain" "unknown" {
  domain_name           = "unknown"
  elasticsearch_version = "7.10"

  encrypt_at_rest {
    enabled = var.flag
  }
}
