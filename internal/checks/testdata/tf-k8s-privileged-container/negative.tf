variable "privileged" {}

resource "kubernetes_pod" "web" {
  metadata {
    name = "web"
  }

  spec {
    container {
      name  = "app"
      image = "nginx:1.25"

      security_context {
        privileged                 = false
        allow_privilege_escalation = false
      }
    }

    container {
      name  = "sidecar"
      image = "busybox:1.36"

      security_context {
        privileged = var.privileged
      }
    }
  }
}
