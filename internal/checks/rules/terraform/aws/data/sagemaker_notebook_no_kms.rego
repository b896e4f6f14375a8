# METADATA
# title: SageMaker notebook instance storage has no KMS key
# description: |
#   Without kms_key_id the notebook's ML storage volume, which holds
#   notebooks, downloaded datasets and cached credentials, is encrypted with
#   an AWS managed key only, so access to it cannot be restricted or audited
#   through a key policy.
# related_resources:
#   - https://docs.aws.amazon.com/sagemaker/latest/dg/encryption-at-rest-nbi.html
# custom:
#   id: aws-sagemaker-notebook-no-kms
#   severity: medium
#   kind: terraform
#   resources: [aws_sagemaker_notebook_instance]
#   cwe: [CWE-311]
#   remediation: Set kms_key_id on the notebook instance to a customer managed KMS key.
#   related:
#     kics: [f3674e0c-f6be-43fa-b71c-bf346d1aed99]
#     checkov: [CKV_AWS_22]
package ward.checks.aws_sagemaker_notebook_no_kms

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	some r in lib.resources("aws_sagemaker_notebook_instance")
	aws_data.blank(r.config, "kms_key_id")
	res := lib.result(r, aws_data.ptr_of(r.config, "kms_key_id"), sprintf("%s does not encrypt its storage with a customer managed key", [r.name]))
}
