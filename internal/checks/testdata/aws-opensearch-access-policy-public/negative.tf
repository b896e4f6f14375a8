resource "aws_opensearch_domain" "in_vpc" {
  domain_name    = "in-vpc"
  engine_version = "OpenSearch_2.11"

  vpc_options {
    subnet_ids         = ["subnet-a"]
    security_group_ids = ["sg-search"]
  }

  access_policies = jsonencode({
    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "es:*", Resource = "*" }]
  })
}

resource "aws_opensearch_domain" "ip_limited" {
  domain_name    = "ip-limited"
  engine_version = "OpenSearch_2.11"

  access_policies = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "es:*"
      Resource  = "*"
      Condition = { IpAddress = { "aws:SourceIp" = ["192.0.2.0/24"] } }
    }]
  })
}

resource "aws_opensearch_domain_policy" "vpc_policy" {
  domain_name = aws_opensearch_domain.in_vpc.domain_name
  access_policies = jsonencode({
    Statement = [{ Effect = "Allow", Principal = "*", Action = "es:*", Resource = "*" }]
  })
}

resource "aws_opensearch_domain_policy" "elsewhere" {
  domain_name = "defined-in-another-module"
  access_policies = jsonencode({
    Statement = [{ Effect = "Allow", Principal = "*", Action = "es:*", Resource = "*" }]
  })
}
