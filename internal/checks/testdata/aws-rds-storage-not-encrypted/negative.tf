variable "encrypted" {
  type = bool
}

resource "aws_db_instance" "encrypted" {
  identifier        = "encrypted"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  storage_encrypted = true
}

resource "aws_db_instance" "replica" {
  identifier          = "replica"
  instance_class      = "db.t3.micro"
  replicate_source_db = aws_db_instance.encrypted.identifier
}

resource "aws_db_instance" "unknown" {
  identifier        = "unknown"
  engine            = "mysql"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  storage_encrypted = var.encrypted
}

resource "aws_rds_cluster" "serverless" {
  cluster_identifier = "serverless"
  engine             = "aurora-mysql"
  engine_mode        = "serverless"
}

resource "aws_rds_cluster" "restored" {
  cluster_identifier  = "restored"
  engine              = "aurora-mysql"
  snapshot_identifier = "arn:aws:rds:us-east-1:111122223333:cluster-snapshot:encrypted"
}

# The rds module encrypts storage by default.
module "db" {
  source     = "terraform-aws-modules/rds/aws"
  identifier = "module-db"
}
