resource "aws_opensearch_domain" "old_tls" {
  domain_name    = "old-tls"
  engine_version = "OpenSearch_2.11"

  domain_endpoint_options {
    enforce_https       = true
    # want
    tls_security_policy = "Policy-Min-TLS-1-0-2019-07"
  }
}
