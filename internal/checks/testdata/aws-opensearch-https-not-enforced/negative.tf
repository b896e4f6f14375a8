variable "flag" {
  type = bool
}

resource "aws_opensearch_domain" "on" {
  domain_name    = "on"
  engine_version = "OpenSearch_2.11"

  domain_endpoint_options {
    enforce_https = true
  }
}

resource "aws_elasticsearch_domain" "unknown" {
  domain_name           = "unknown"
  elasticsearch_version = "7.10"

  domain_endpoint_options {
    enforce_https = var.flag
  }
}

# enforce_https defaults to true inside domain_endpoint_options.
resource "aws_opensearch_domain" "block_default" {
  domain_name    = "block-default"
  engine_version = "OpenSearch_2.11"

  domain_endpoint_options {
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }
}
