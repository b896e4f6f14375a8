# want
resource "azurerm_linux_web_app" "default" {
  name            = "example-web"
  location        = "westeurope"
  service_plan_id = azurerm_service_plan.example.id

  site_config {}
}

resource "azurerm_function_app" "legacy" {
  name                = "example-func"
  location            = "westeurope"
  app_service_plan_id = azurerm_app_service_plan.example.id
  # want
  https_only          = false
}
