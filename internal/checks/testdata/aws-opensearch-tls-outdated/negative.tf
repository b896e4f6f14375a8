variable "tls_policy" {}

resource "aws_opensearch_domain" "tls12" {
  domain_name    = "tls12"
  engine_version = "OpenSearch_2.11"

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"
  }
}

resource "aws_elasticsearch_domain" "unknown" {
  domain_name = "unknown"

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = var.tls_policy
  }
}

resource "aws_opensearch_domain" "unset" {
  domain_name = "unset"
}
