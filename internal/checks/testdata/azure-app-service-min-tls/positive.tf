resource "azurerm_app_service" "legacy" {
  name                = "example-app"
  location            = "westeurope"
  app_service_plan_id = azurerm_app_service_plan.example.id

  site_config {
    # want
    min_tls_version = "1.0"
  }
}

resource "azurerm_linux_web_app" "current" {
  name            = "example-web"
  location        = "westeurope"
  service_plan_id = azurerm_service_plan.example.id

  site_config {
    minimum_tls_version     = "1.2"
    # want
    scm_minimum_tls_version = "1.1"
  }
}
