variable "environment" {
  type    = string
  default = "dev"
}

variable "region" {
  type    = string
  default = "us-east-1"
}

variable "team" {
  type = string
}

variable "allowed_cidrs" {
  type    = list(string)
  default = ["10.0.0.0/8"]
}

variable "replicas" {
  type    = number
  default = 1
}

variable "extra_tags" {
  type    = map(string)
  default = {}
}
