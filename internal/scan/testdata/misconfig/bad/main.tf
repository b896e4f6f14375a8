resource "x" "y" {
  a = 
