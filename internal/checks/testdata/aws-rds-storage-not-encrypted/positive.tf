# want
resource "aws_db_instance" "missing" {
  identifier        = "missing"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}

resource "aws_rds_cluster" "off" {
  cluster_identifier = "off"
  engine             = "aurora-postgresql"
  # want
  storage_encrypted  = false
}

module "db" {
  source = "terraform-aws-modules/rds/aws"

  identifier        = "module-db"
  # want
  storage_encrypted = false
}
