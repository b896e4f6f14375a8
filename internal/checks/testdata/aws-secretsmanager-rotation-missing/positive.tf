# want
resource "aws_secretsmanager_secret" "static" {
  name = "static"
}

resource "aws_secretsmanager_secret" "rotated" {
  name = "rotated"
}

resource "aws_secretsmanager_secret_rotation" "rotated" {
  secret_id           = aws_secretsmanager_secret.rotated.id
  rotation_lambda_arn = "arn:aws:lambda:us-east-1:111122223333:function:rotate"

  rotation_rules {
    automatically_after_days = 30
  }
}
