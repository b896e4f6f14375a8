module "logs" {
  source = "./modules/bucket"
  acl    = "public-read"
}

module "private" {
  source = "./modules/bucket"
  acl    = "private"
}

resource "aws_s3_bucket" "ignored" {
  bucket = "ignored"
  acl    = "public-read" # ward:ignore test-public-acl served as a static site
}

#checkov:skip=CKV_TEST_1:only inside the block counts
resource "aws_s3_bucket" "checkov" {
  #checkov:skip=CKV_TEST_1:public website
  acl = "public-read"
}

#trivy:ignore:AVD-TEST-0001
resource "aws_s3_bucket" "trivy" {
  acl = "public-read"
}

resource "aws_s3_bucket" "kics" {
  # kics-scan ignore-line
  acl = "public-read"
}

resource "aws_s3_bucket" "broken_ignore" {
  acl = "public-read" # ward:ignore some-other-check
}
