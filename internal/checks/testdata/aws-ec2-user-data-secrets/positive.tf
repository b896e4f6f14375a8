resource "aws_instance" "app" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  # want
  user_data     = <<-EOT
    #!/bin/bash
    export DB_PASSWORD="changeme-not-a-secret"
    echo "starting"
  EOT
}

resource "aws_launch_configuration" "app" {
  image_id      = "ami-12345678"
  instance_type = "t3.micro"
  # want
  user_data     = "API_TOKEN=placeholder-value\n"
}
