resource "aws_s3_bucket" "downloaded" {
  bucket = "should-not-be-scanned"
}
