resource "kubernetes_cluster_role" "pods" {
  metadata {
    name = "pod-reader"
  }

  rule {
    api_groups = [""]
    resources  = ["pods"]
    verbs      = ["get", "list"]
  }
}

resource "kubernetes_cluster_role_binding" "pods" {
  metadata {
    name = "pod-reader"
  }

  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = kubernetes_cluster_role.pods.metadata[0].name
  }

  subject {
    kind      = "ServiceAccount"
    name      = "app"
    namespace = "default"
  }
}

resource "kubernetes_role" "named_secret" {
  metadata {
    name      = "one-secret"
    namespace = "apps"
  }

  rule {
    api_groups     = [""]
    resources      = ["secrets"]
    resource_names = ["app-config"]
    verbs          = ["get"]
  }
}

resource "kubernetes_role_binding" "named_secret" {
  metadata {
    name      = "one-secret"
    namespace = "apps"
  }

  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "Role"
    name      = "one-secret"
  }

  subject {
    kind      = "ServiceAccount"
    name      = "app"
    namespace = "apps"
  }
}

resource "kubernetes_role" "humans" {
  metadata {
    name      = "secret-admin"
    namespace = "apps"
  }

  rule {
    api_groups = [""]
    resources  = ["secrets"]
    verbs      = ["get", "list"]
  }
}

resource "kubernetes_role_binding" "humans" {
  metadata {
    name      = "secret-admin"
    namespace = "apps"
  }

  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "Role"
    name      = "secret-admin"
  }

  subject {
    kind      = "Group"
    name      = "ops"
    api_group = "rbac.authorization.k8s.io"
  }
}

resource "kubernetes_cluster_role" "writer" {
  metadata {
    name = "secret-writer"
  }

  rule {
    api_groups = [""]
    resources  = ["secrets"]
    verbs      = ["create"]
  }
}

resource "kubernetes_cluster_role_binding" "writer" {
  metadata {
    name = "secret-writer"
  }

  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "secret-writer"
  }

  subject {
    kind      = "ServiceAccount"
    name      = "app"
    namespace = "default"
  }
}
