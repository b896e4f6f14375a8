variable "script" {}

resource "aws_instance" "app" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/bash
    export DB_PASSWORD="$(aws secretsmanager get-secret-value --secret-id app/db --query SecretString --output text)"
    export DB_PASSWORD_ARN=arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db
    export TOKEN_FILE=/run/secrets/token
    echo "starting"
  EOT
}

resource "aws_instance" "templated" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  user_data     = var.script
}
