variable "caps" {}

resource "kubernetes_pod_security_policy" "restricted" {
  metadata {
    name = "restricted"
  }

  spec {
    privileged                 = false
    allow_privilege_escalation = false
    required_drop_capabilities = ["ALL"]
    allowed_capabilities       = []
    volumes                    = ["configMap", "secret"]
  }
}

resource "kubernetes_pod_security_policy" "unknown" {
  metadata {
    name = "unknown"
  }

  spec {
    allowed_capabilities = var.caps
  }
}
