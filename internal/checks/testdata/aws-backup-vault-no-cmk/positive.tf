# want
resource "aws_backup_vault" "default_key" {
  name = "default-key"
}
