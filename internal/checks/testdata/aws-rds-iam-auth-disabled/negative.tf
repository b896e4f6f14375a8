variable "iam_auth" {
  type = bool
}

resource "aws_db_instance" "enabled" {
  identifier                          = "enabled"
  engine                              = "mysql"
  instance_class                      = "db.t3.micro"
  allocated_storage                   = 20
  iam_database_authentication_enabled = true
}

resource "aws_db_instance" "oracle" {
  identifier        = "oracle"
  engine            = "oracle-se2"
  instance_class    = "db.m5.large"
  allocated_storage = 100
}

resource "aws_rds_cluster" "unknown" {
  cluster_identifier                  = "unknown"
  engine                              = "aurora-postgresql"
  iam_database_authentication_enabled = var.iam_auth
}
