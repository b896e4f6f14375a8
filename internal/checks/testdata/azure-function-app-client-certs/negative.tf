variable "mode" {}

resource "azurerm_function_app" "required" {
  name                = "example-func"
  location            = "westeurope"
  app_service_plan_id = azurerm_app_service_plan.example.id
  client_cert_mode    = "Required"
}

resource "azurerm_linux_function_app" "required" {
  name                       = "example-func2"
  location                   = "westeurope"
  service_plan_id            = azurerm_service_plan.example.id
  client_certificate_enabled = true
  client_certificate_mode    = "Required"
}

resource "azurerm_windows_function_app" "unknown" {
  name                    = "example-func3"
  location                = "westeurope"
  service_plan_id         = azurerm_service_plan.example.id
  client_certificate_mode = var.mode
}
