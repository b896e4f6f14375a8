// Package checks is Ward's catalog of built-in misconfiguration checks:
// Rego policies embedded in the binary, one file per check, each with its
// metadata in an OPA-style "# METADATA" comment (title, description,
// related_resources, and custom: id, severity, kind, cwe, remediation,
// resources, related ids of KICS, Checkov and Trivy), evaluated by
// internal/policy over documents of internal/iac resources.
//
// A check sees one document at a time: every resource of one file (one
// Terraform module, one manifest, one Dockerfile, one compose file, one
// workflow), so a check can relate resources of the same document:
//
//	{"kind": "terraform", "path": "main.tf",
//	 "resources": [{"id": 0, "kind": "terraform", "type": "aws_s3_bucket",
//	                "name": "aws_s3_bucket.logs", "path": "main.tf",
//	                "line": 1, "end_line": 9, "config": {...}}]}
//
// Its deny rule returns objects built by data.ward.lib.result: the
// message, the resource's id and a JSON pointer into its config ("/acl");
// Ward reports the line where that pointer's value is written, or the
// nearest enclosing value's, or the resource's own line.
package checks
