variable "caps" {}

resource "kubernetes_pod" "web" {
  metadata {
    name = "web"
  }

  spec {
    container {
      name  = "app"
      image = "nginx:1.25"

      security_context {
        capabilities {
          add  = ["NET_BIND_SERVICE"]
          drop = ["ALL"]
        }
      }
    }

    container {
      name  = "sidecar"
      image = "busybox:1.36"

      security_context {
        capabilities {
          add = var.caps
        }
      }
    }
  }
}
