resource "kubernetes_daemon_set_v1" "agent" {
  metadata {
    name = "agent"
  }

  spec {
    selector {
      match_labels = { app = "agent" }
    }

    template {
      metadata {
        labels = { app = "agent" }
      }

      spec {
        container {
          name  = "agent"
          image = "example/agent:1.0"

          security_context {
            # want
            privileged = true
          }
        }
      }
    }
  }
}

resource "kubernetes_pod_v1" "debug" {
  metadata {
    name = "debug"
  }

  spec {
    container {
      name  = "app"
      image = "nginx:1.25"
    }

    init_container {
      name  = "setup"
      image = "busybox:1.36"

      security_context {
        # want
        privileged = true
      }
    }
  }
}
