resource "kubernetes_cluster_role" "reader" {
  metadata {
    name = "secret-reader"
  }

  rule {
    api_groups = [""]
    resources  = ["pods"]
    verbs      = ["get"]
  }

  # want
  rule {
    api_groups = [""]
    resources  = ["secrets"]
    verbs      = ["get", "list"]
  }
}

resource "kubernetes_cluster_role_binding" "reader" {
  metadata {
    name = "secret-reader"
  }

  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = kubernetes_cluster_role.reader.metadata[0].name
  }

  subject {
    kind      = "ServiceAccount"
    name      = "app"
    namespace = "default"
  }
}

resource "kubernetes_role_v1" "all" {
  metadata {
    name      = "everything"
    namespace = "apps"
  }

  # want
  rule {
    api_groups = ["*"]
    resources  = ["*"]
    verbs      = ["*"]
  }
}

resource "kubernetes_role_binding_v1" "all" {
  metadata {
    name      = "everything"
    namespace = "apps"
  }

  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "Role"
    name      = "everything"
  }

  subject {
    kind      = "ServiceAccount"
    name      = "deployer"
    namespace = "apps"
  }
}
