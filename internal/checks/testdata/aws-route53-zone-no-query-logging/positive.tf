# want
resource "aws_route53_zone" "public" {
  name = "example.com"
}
