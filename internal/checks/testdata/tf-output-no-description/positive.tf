# want
output "bucket_arn" {
  value = "arn:aws:s3:::example"
}

output "bucket_name" {
  value       = "example"
  # want
  description = ""
}
