variable "access_type" {}

resource "aws_msk_cluster" "private" {
  cluster_name           = "private"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-a", "subnet-b", "subnet-c"]
    security_groups = ["sg-kafka"]

    connectivity_info {
      public_access {
        type = "DISABLED"
      }
    }
  }
}

resource "aws_msk_cluster" "unknown" {
  cluster_name           = "unknown"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-a", "subnet-b", "subnet-c"]
    security_groups = ["sg-kafka"]

    connectivity_info {
      public_access {
        type = var.access_type
      }
    }
  }
}
