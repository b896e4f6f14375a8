# METADATA
# title: EKS node group allows SSH from anywhere
# description: |
#   A managed node group with remote_access (an SSH key) but no
#   source_security_group_ids opens port 22 of every node to 0.0.0.0/0.
#   Nodes hold the kubelet's credentials and the pods' secrets; SSH to them
#   from the internet is an easy path to the whole cluster.
# related_resources:
#   - https://docs.aws.amazon.com/eks/latest/APIReference/API_RemoteAccessConfig.html
# custom:
#   id: aws-eks-node-group-ssh-open
#   severity: high
#   kind: terraform
#   resources: [aws_eks_node_group]
#   cwe: [CWE-284]
#   remediation: Add source_security_group_ids to remote_access naming a bastion's security group, or drop remote_access and use Session Manager.
#   related:
#     checkov: [CKV_AWS_100]
package ward.checks.aws_eks_node_group_ssh_open

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("aws_eks_node_group")
	ra := lib.block(r.config, "remote_access")
	lib.has(ra, "ec2_ssh_key")
	ra.ec2_ssh_key != null
	no_sources(ra)
	res := lib.result(r, "/remote_access/0", sprintf("%s allows SSH to its nodes from 0.0.0.0/0 (remote_access has no source_security_group_ids)", [r.name]))
}

no_sources(ra) if lib.missing(ra, "source_security_group_ids")

no_sources(ra) if ra.source_security_group_ids == []
