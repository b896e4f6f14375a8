environment = "staging"
replicas    = 3
