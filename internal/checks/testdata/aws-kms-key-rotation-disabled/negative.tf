variable "rotate" {
  type = bool
}

resource "aws_kms_key" "on" {
  description         = "on"
  enable_key_rotation = true
}

resource "aws_kms_key" "unknown" {
  description         = "unknown"
  enable_key_rotation = var.rotate
}

resource "aws_kms_key" "signing" {
  description              = "signing"
  key_usage                = "SIGN_VERIFY"
  customer_master_key_spec = "ECC_NIST_P256"
}

resource "aws_kms_key" "hmac" {
  description = "hmac"
  key_usage   = "GENERATE_VERIFY_MAC"
  key_spec    = "HMAC_256"
}
