variable "retention" {}

resource "aws_db_instance" "week" {
  identifier              = "week"
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  allocated_storage       = 20
  backup_retention_period = 7
}

resource "aws_db_instance" "replica" {
  identifier          = "replica"
  instance_class      = "db.t3.micro"
  replicate_source_db = aws_db_instance.week.identifier
}

resource "aws_rds_cluster" "unknown" {
  cluster_identifier      = "unknown"
  engine                  = "aurora-postgresql"
  backup_retention_period = var.retention
}

module "db" {
  source     = "terraform-aws-modules/rds/aws"
  identifier = "module-db"
}
