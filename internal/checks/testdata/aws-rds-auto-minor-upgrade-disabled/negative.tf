variable "auto_upgrade" {
  type = bool
}

resource "aws_db_instance" "default" {
  identifier        = "default"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}

resource "aws_db_instance" "enabled" {
  identifier                 = "enabled"
  engine                     = "postgres"
  instance_class             = "db.t3.micro"
  allocated_storage          = 20
  auto_minor_version_upgrade = true
}

resource "aws_rds_cluster_instance" "unknown" {
  identifier                 = "unknown-1"
  cluster_identifier         = "aurora"
  instance_class             = "db.r6g.large"
  auto_minor_version_upgrade = var.auto_upgrade
}
