# want
resource "aws_db_instance" "missing" {
  identifier        = "missing"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}

resource "aws_rds_cluster" "off" {
  cluster_identifier  = "off"
  engine              = "aurora-mysql"
  # want
  deletion_protection = false
}

module "aurora" {
  source              = "terraform-aws-modules/rds-aurora/aws"
  name                = "module-aurora"
  # want
  deletion_protection = false
}
