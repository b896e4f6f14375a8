resource "kubernetes_pod" "debug" {
  metadata {
    name = "debug"
  }

  spec {
    container {
      name  = "app"
      image = "nginx:1.25"

      security_context {
        capabilities {
          # want
          add = ["NET_ADMIN", "SYS_ADMIN"]
        }
      }
    }
  }
}

resource "kubernetes_deployment_v1" "fuse" {
  metadata {
    name = "fuse"
  }

  spec {
    template {
      metadata {
        labels = { app = "fuse" }
      }

      spec {
        init_container {
          name  = "mount"
          image = "busybox:1.36"

          security_context {
            capabilities {
              # want
              add = ["CAP_SYS_ADMIN"]
            }
          }
        }

        container {
          name  = "app"
          image = "nginx:1.25"
        }
      }
    }
  }
}

resource "kubernetes_cron_job_v1" "backup" {
  metadata {
    name = "backup"
  }

  spec {
    schedule = "0 3 * * *"

    job_template {
      metadata {}

      spec {
        template {
          metadata {}

          spec {
            container {
              name  = "backup"
              image = "busybox:1.36"

              security_context {
                capabilities {
                  # want
                  add = ["SYS_ADMIN"]
                }
              }
            }
          }
        }
      }
    }
  }
}
