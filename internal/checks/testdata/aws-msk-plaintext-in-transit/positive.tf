resource "aws_msk_cluster" "plaintext" {
  cluster_name           = "plaintext"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-a", "subnet-b", "subnet-c"]
    security_groups = ["sg-kafka"]
  }

  encryption_info {
    encryption_in_transit {
      # want
      client_broker = "TLS_PLAINTEXT"
      # want
      in_cluster    = false
    }
  }
}
