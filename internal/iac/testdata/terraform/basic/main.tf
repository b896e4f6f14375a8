resource "aws_kms_key" "logs" {
  description         = format("key for %s", local.full_name)
  enable_key_rotation = true
}

resource "aws_s3_bucket" "assets" {
  bucket = local.full_name
  acl    = "public-read"
  tags   = local.common_tags

  versioning {
    enabled = var.environment == "prod"
  }

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = aws_kms_key.logs.arn
      }
    }
  }
}

resource "aws_security_group" "web" {
  name        = join("-", [local.prefix, "web"])
  description = trimspace("  web tier  ")

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = var.allowed_cidrs
  }

  dynamic "egress" {
    for_each = var.allowed_cidrs
    iterator = cidr
    content {
      from_port   = 0
      to_port     = 0
      protocol    = "-1"
      cidr_blocks = [cidr.value]
    }
  }
}

resource "aws_instance" "worker" {
  count         = var.replicas
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  user_data     = file("${path.module}/init.sh")
  tags = {
    Name  = "worker-${count.index}"
    Owner = upper(var.team)
  }
}

resource "aws_iam_user" "named" {
  for_each = toset(["alice", "bob"])
  name     = each.key
  path     = "/${local.loop_a}/"
}

data "aws_iam_policy_document" "read" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.assets.arn}/*"]
  }
}

module "logs" {
  source      = "./modules/bucket"
  name        = "${local.prefix}-logs"
  public      = false
  cidr_count  = local.cidr_count
}

module "uploads" {
  source = "./modules/bucket"
  name   = "uploads-${var.team}"
  public = true
}

module "network" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
}
