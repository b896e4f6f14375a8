variable "tls" {}

resource "azurerm_linux_web_app" "current" {
  name            = "example-web"
  location        = "westeurope"
  service_plan_id = azurerm_service_plan.example.id

  site_config {
    minimum_tls_version = "1.2"
  }
}

resource "azurerm_windows_function_app" "default" {
  name            = "example-func"
  location        = "westeurope"
  service_plan_id = azurerm_service_plan.example.id

  site_config {}
}

resource "azurerm_app_service" "unknown" {
  name                = "example-app"
  location            = "westeurope"
  app_service_plan_id = azurerm_app_service_plan.example.id

  site_config {
    min_tls_version = var.tls
  }
}
