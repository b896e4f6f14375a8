# want
resource "aws_emr_cluster" "classic" {
  name          = "classic"
  release_label = "emr-6.15.0"
  service_role  = "EMR_DefaultRole"

  ec2_attributes {
    instance_profile = "EMR_EC2_DefaultRole"
  }
}
