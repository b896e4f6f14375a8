variable "log_type" {}

resource "aws_opensearch_domain" "audited" {
  domain_name    = "audited"
  engine_version = "OpenSearch_2.11"

  advanced_security_options {
    enabled                        = true
    internal_user_database_enabled = false
  }

  log_publishing_options {
    log_type                 = "INDEX_SLOW_LOGS"
    cloudwatch_log_group_arn = "arn:aws:logs:us-east-1:111122223333:log-group:slow"
  }

  log_publishing_options {
    log_type                 = "AUDIT_LOGS"
    cloudwatch_log_group_arn = "arn:aws:logs:us-east-1:111122223333:log-group:audit"
  }
}

resource "aws_opensearch_domain" "unknown" {
  domain_name = "unknown"

  log_publishing_options {
    log_type                 = var.log_type
    cloudwatch_log_group_arn = "arn:aws:logs:us-east-1:111122223333:log-group:any"
  }
}
