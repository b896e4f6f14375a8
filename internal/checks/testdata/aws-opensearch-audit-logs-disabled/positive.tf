# want
resource "aws_opensearch_domain" "no_logs" {
  domain_name    = "no-logs"
  engine_version = "OpenSearch_2.11"
}

# want
resource "aws_opensearch_domain" "slow_logs_only" {
  domain_name    = "slow-logs-only"
  engine_version = "OpenSearch_2.11"

  log_publishing_options {
    log_type                 = "INDEX_SLOW_LOGS"
    cloudwatch_log_group_arn = "arn:aws:logs:us-east-1:111122223333:log-group:slow"
  }
}

# want
resource "aws_elasticsearch_domain" "audit_disabled" {
  domain_name = "audit-disabled"

  log_publishing_options {
    log_type                 = "AUDIT_LOGS"
    cloudwatch_log_group_arn = "arn:aws:logs:us-east-1:111122223333:log-group:audit"
    enabled                  = false
  }
}
