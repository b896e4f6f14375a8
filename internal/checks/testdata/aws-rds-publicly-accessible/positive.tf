resource "aws_db_instance" "public" {
  identifier          = "public"
  engine              = "mysql"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  # want
  publicly_accessible = true
}

resource "aws_rds_cluster_instance" "public" {
  identifier          = "public-1"
  cluster_identifier  = "aurora"
  instance_class      = "db.r6g.large"
  engine              = "aurora-postgresql"
  # want
  publicly_accessible = true
}

module "db" {
  source              = "terraform-aws-modules/rds/aws"
  identifier          = "module-db"
  # want
  publicly_accessible = true
}
