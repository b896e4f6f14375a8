# want
resource "aws_db_instance" "postgres" {
  identifier        = "postgres"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}

resource "aws_rds_cluster" "aurora" {
  cluster_identifier                  = "aurora"
  # want
  iam_database_authentication_enabled = false
}
