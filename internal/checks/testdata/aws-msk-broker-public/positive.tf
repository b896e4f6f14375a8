resource "aws_msk_cluster" "public" {
  cluster_name           = "public"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-a", "subnet-b", "subnet-c"]
    security_groups = ["sg-kafka"]

    connectivity_info {
      public_access {
        # want
        type = "SERVICE_PROVIDED_EIPS"
      }
    }
  }
}
