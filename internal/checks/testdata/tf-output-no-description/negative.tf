output "bucket_name" {
  value       = "example"
  description = "Name of the artifacts bucket."
}
