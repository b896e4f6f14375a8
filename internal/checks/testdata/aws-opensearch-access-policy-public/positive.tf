resource "aws_opensearch_domain" "open" {
  domain_name    = "open"
  engine_version = "OpenSearch_2.11"

  # want
  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "es:*"
      Resource  = "arn:aws:es:us-east-1:111122223333:domain/open/*"
    }]
  })
}

resource "aws_elasticsearch_domain" "legacy" {
  domain_name = "legacy"
}

resource "aws_elasticsearch_domain_policy" "legacy" {
  domain_name = aws_elasticsearch_domain.legacy.domain_name
  # want
  access_policies = <<POLICIES
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": "*",
      "Action": "es:ESHttpGet",
      "Resource": "arn:aws:es:us-east-1:111122223333:domain/legacy/*"
    }
  ]
}
POLICIES
}
