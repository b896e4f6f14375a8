# want
resource "aws_opensearch_domain" "missing" {
  domain_name    = "missing"
  engine_version = "OpenSearch_2.11"
}

resource "aws_elasticsearch_domain" "off" {
  domain_name           = "off"
  elasticsearch_version = "7.10"

  domain_endpoint_options {
    # want
    enforce_https = false
  }
}
