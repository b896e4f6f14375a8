variable "protect" {
  type = bool
}

resource "aws_db_instance" "protected" {
  identifier          = "protected"
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  deletion_protection = true
}

resource "aws_rds_cluster" "unknown" {
  cluster_identifier  = "unknown"
  engine              = "aurora-mysql"
  deletion_protection = var.protect
}

module "aurora" {
  source = "terraform-aws-modules/rds-aurora/aws"
  name   = "module-aurora"
}
