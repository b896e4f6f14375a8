resource "azurerm_windows_web_app" "ftp" {
  name            = "example-web"
  location        = "westeurope"
  service_plan_id = azurerm_service_plan.example.id

  site_config {
    # want
    ftps_state = "AllAllowed"
  }
}
