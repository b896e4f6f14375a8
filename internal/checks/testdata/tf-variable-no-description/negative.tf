variable "region" {
  type        = string
  default     = "eu-west-1"
  description = "AWS region to deploy into."
}
