variable "public" {
  type = bool
}

resource "aws_db_instance" "private" {
  identifier          = "private"
  engine              = "mysql"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  publicly_accessible = false
}

resource "aws_db_instance" "default" {
  identifier        = "default"
  engine            = "mysql"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}

resource "aws_rds_cluster_instance" "unknown" {
  identifier          = "unknown-1"
  cluster_identifier  = "aurora"
  instance_class      = "db.r6g.large"
  publicly_accessible = var.public
}
