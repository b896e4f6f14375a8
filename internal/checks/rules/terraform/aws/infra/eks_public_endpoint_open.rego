# METADATA
# title: EKS API endpoint is public and open to the whole internet
# description: |
#   With endpoint_public_access enabled (the default) and public_access_cidrs
#   unset or containing 0.0.0.0/0, the cluster's Kubernetes API server
#   accepts connections from anywhere. Any leaked kubeconfig or token, or
#   an API server vulnerability, is then exploitable from the internet.
# related_resources:
#   - https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html
# custom:
#   id: aws-eks-public-endpoint-open
#   severity: high
#   kind: terraform
#   resources: [aws_eks_cluster]
#   cwe: [CWE-284]
#   remediation: Set vpc_config { endpoint_private_access = true, endpoint_public_access = false }, or keep the public endpoint but list only your administration CIDRs in public_access_cidrs.
#   related:
#     checkov: [CKV_AWS_38, CKV_AWS_39]
#     trivy: [AVD-AWS-0040, AVD-AWS-0041]
package ward.checks.aws_eks_public_endpoint_open

import rego.v1

import data.ward.lib
import data.ward.lib.aws_infra as net

deny contains res if {
	some r in lib.resources("aws_eks_cluster")
	vc := lib.block(r.config, "vpc_config")
	not lib.is_false(object.get(vc, "endpoint_public_access", true))
	lib.known(object.get(vc, "endpoint_public_access", true))
	some f in open_cidrs(vc)
	res := lib.result(r, f.ptr, sprintf("%s exposes its Kubernetes API endpoint to %s", [r.name, f.msg]))
}

open_cidrs(vc) := [{"ptr": "/vpc_config/0", "msg": "every address (public_access_cidrs defaults to 0.0.0.0/0)"}] if {
	lib.missing(vc, "public_access_cidrs")
} else := [{"ptr": sprintf("/vpc_config/0/public_access_cidrs/%d", [i]), "msg": c} |
	some i, c in lib.as_list(vc.public_access_cidrs)
	net.open_cidr(c)
]
