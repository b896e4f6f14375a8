variable "name" {
  type = string
}

variable "public" {
  type    = bool
  default = false
}

variable "cidr_count" {
  type    = number
  default = 0
}

resource "aws_s3_bucket" "this" {
  bucket = var.name
  acl    = var.public ? "public-read" : "private"

  logging {
    target_prefix = "log/${var.cidr_count}"
  }
}
