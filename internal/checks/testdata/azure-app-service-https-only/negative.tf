variable "https" {}

resource "azurerm_windows_web_app" "secure" {
  name            = "example-web"
  location        = "westeurope"
  service_plan_id = azurerm_service_plan.example.id
  https_only      = true

  site_config {}
}

resource "azurerm_app_service" "unknown" {
  name                = "example-app"
  location            = "westeurope"
  app_service_plan_id = azurerm_app_service_plan.example.id
  https_only          = var.https
}
