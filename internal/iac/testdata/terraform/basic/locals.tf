locals {
  full_name   = "${local.prefix}-assets"
  prefix      = "${var.environment}-${local.short}"
  short       = lower("WEB")
  common_tags = merge({ Environment = var.environment, Team = var.team }, var.extra_tags)
  cidr_count  = length(var.allowed_cidrs)
  loop_a      = local.loop_b
  loop_b      = local.loop_a
}
