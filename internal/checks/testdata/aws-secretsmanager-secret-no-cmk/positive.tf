# want
resource "aws_secretsmanager_secret" "default_key" {
  name = "default-key"
}
