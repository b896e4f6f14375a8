variable "ftps" {}

resource "azurerm_windows_web_app" "disabled" {
  name            = "example-web"
  location        = "westeurope"
  service_plan_id = azurerm_service_plan.example.id

  site_config {
    ftps_state = "Disabled"
  }
}

resource "azurerm_linux_function_app" "ftps" {
  name            = "example-func"
  location        = "westeurope"
  service_plan_id = azurerm_service_plan.example.id

  site_config {
    ftps_state = "FtpsOnly"
  }
}

resource "azurerm_app_service" "unknown" {
  name                = "example-app"
  location            = "westeurope"
  app_service_plan_id = azurerm_app_service_plan.example.id

  site_config {
    ftps_state = var.ftps
  }
}
