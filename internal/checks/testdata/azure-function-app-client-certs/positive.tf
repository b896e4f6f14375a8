# want
resource "azurerm_function_app" "missing" {
  name                = "example-func"
  location            = "westeurope"
  app_service_plan_id = azurerm_app_service_plan.example.id
}

resource "azurerm_function_app" "optional" {
  name                = "example-func2"
  location            = "westeurope"
  app_service_plan_id = azurerm_app_service_plan.example.id
  # want
  client_cert_mode    = "Optional"
}

resource "azurerm_linux_function_app" "disabled" {
  name            = "example-func3"
  location        = "westeurope"
  service_plan_id = azurerm_service_plan.example.id
  # want
  client_certificate_enabled = false
  client_certificate_mode    = "Required"
}

resource "azurerm_windows_function_app" "interactive" {
  name                       = "example-func4"
  location                   = "westeurope"
  service_plan_id            = azurerm_service_plan.example.id
  client_certificate_enabled = true
  # want
  client_certificate_mode    = "OptionalInteractiveUser"
}
