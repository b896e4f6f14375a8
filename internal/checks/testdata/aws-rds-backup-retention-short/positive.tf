# want
resource "aws_db_instance" "default_retention" {
  identifier        = "default-retention"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}

resource "aws_db_instance" "no_backups" {
  identifier              = "no-backups"
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  allocated_storage       = 20
  # want
  backup_retention_period = 0
}

resource "aws_rds_cluster" "short" {
  cluster_identifier      = "short"
  engine                  = "aurora-postgresql"
  # want
  backup_retention_period = 3
}

module "db" {
  source                  = "terraform-aws-modules/rds/aws"
  identifier              = "module-db"
  # want
  backup_retention_period = 1
}
