resource "kubernetes_pod_security_policy" "psp" {
  metadata {
    name = "example"
  }

  spec {
    # want
    allowed_capabilities       = ["NET_BIND_SERVICE"]
    privileged                 = false
    allow_privilege_escalation = false
    volumes                    = ["configMap", "secret"]

    run_as_user {
      rule = "MustRunAsNonRoot"
    }

    se_linux {
      rule = "RunAsAny"
    }

    supplemental_groups {
      rule = "RunAsAny"
    }

    fs_group {
      rule = "RunAsAny"
    }
  }
}
