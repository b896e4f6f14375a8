# METADATA
# title: Glue Data Catalog is not encrypted
# description: |
#   The Data Catalog's encryption settings leave metadata unencrypted at rest
#   (catalog_encryption_mode DISABLED) or return connection passwords in
#   plaintext (return_connection_password_encrypted = false), exposing schema
#   details and database credentials to anyone who can read the catalog.
# related_resources:
#   - https://docs.aws.amazon.com/glue/latest/dg/encrypt-glue-data-catalog.html
# custom:
#   id: aws-glue-catalog-unencrypted
#   severity: medium
#   kind: terraform
#   resources: [aws_glue_data_catalog_encryption_settings]
#   cwe: [CWE-311]
#   remediation: Set catalog_encryption_mode = "SSE-KMS" (with sse_aws_kms_key_id) and return_connection_password_encrypted = true (with aws_kms_key_id).
#   related:
#     checkov: [CKV_AWS_94]
package ward.checks.aws_glue_catalog_unencrypted

import rego.v1

import data.ward.lib

settings(r) := lib.block(r.config, "data_catalog_encryption_settings")

deny contains res if {
	some r in lib.resources("aws_glue_data_catalog_encryption_settings")
	lib.block(settings(r), "encryption_at_rest").catalog_encryption_mode == "DISABLED"
	ptr := "/data_catalog_encryption_settings/0/encryption_at_rest/0/catalog_encryption_mode"
	res := lib.result(r, ptr, sprintf("%s leaves the Data Catalog unencrypted", [r.name]))
}

deny contains res if {
	some r in lib.resources("aws_glue_data_catalog_encryption_settings")
	lib.is_false(lib.block(settings(r), "connection_password_encryption").return_connection_password_encrypted)
	ptr := "/data_catalog_encryption_settings/0/connection_password_encryption/0/return_connection_password_encrypted"
	res := lib.result(r, ptr, sprintf("%s returns connection passwords unencrypted", [r.name]))
}
