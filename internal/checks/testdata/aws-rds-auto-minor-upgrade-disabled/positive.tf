resource "aws_db_instance" "pinned" {
  identifier                 = "pinned"
  engine                     = "postgres"
  instance_class             = "db.t3.micro"
  allocated_storage          = 20
  # want
  auto_minor_version_upgrade = false
}

resource "aws_rds_cluster_instance" "pinned" {
  identifier                 = "pinned-1"
  cluster_identifier         = "aurora"
  instance_class             = "db.r6g.large"
  # want
  auto_minor_version_upgrade = false
}

module "db" {
  source                     = "terraform-aws-modules/rds/aws"
  identifier                 = "module-db"
  # want
  auto_minor_version_upgrade = false
}
