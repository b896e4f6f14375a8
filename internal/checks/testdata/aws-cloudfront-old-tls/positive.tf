resource "aws_cloudfront_distribution" "old" {
  enabled = true

  origin {
    domain_name = "example-bucket.s3.amazonaws.com"
    origin_id   = "s3"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  default_cache_behavior {
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    target_origin_id       = "s3"
    viewer_protocol_policy = "https-only"
  }

  viewer_certificate {
    acm_certificate_arn      = "arn:aws:acm:us-east-1:123456789012:certificate/example"
    ssl_support_method       = "sni-only"
    # want
    minimum_protocol_version = "TLSv1.1_2016"
  }
}

resource "aws_cloudfront_distribution" "unset" {
  enabled = true

  origin {
    domain_name = "example-bucket.s3.amazonaws.com"
    origin_id   = "s3"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  default_cache_behavior {
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    target_origin_id       = "s3"
    viewer_protocol_policy = "https-only"
  }

  # want
  viewer_certificate {
    acm_certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/example"
    ssl_support_method  = "sni-only"
  }
}
