resource "aws_acm_certificate" "site" {
  domain_name       = "example.com"
  validation_method = "DNS"

  options {
    # want
    certificate_transparency_logging_preference = "DISABLED"
  }
}
