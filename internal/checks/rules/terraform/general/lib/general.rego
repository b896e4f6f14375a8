# Helpers of the built-in Terraform hygiene, GitHub provider and
# Kubernetes provider checks.
package ward.lib.tf_general

import rego.v1

import data.ward.lib

# label is the last part of a variable's or output's name ("var.x" -> "x",
# "module.m.output.y" -> "y").
label(r) := parts[count(parts) - 1] if parts := split(r.name, ".")

# secret_name holds for names that suggest a credential, but not for names
# of identifiers of credentials (ARNs, ids, names, paths, versions).
secret_name(n) if {
	regex.match(`(?i)(passw(or)?d|secret|token|private_?key|access_?key|api_?key|client_?key|connection_?string|credential|kubeconfig|sas_?(url|token))`, n)
	not regex.match(`(?i)(_|^)(arn|arns|id|ids|name|names|path|version|versions|ttl|length|expir(y|ation)|rotation|policy|enabled|type|count)$`, n)
}

# Kubernetes provider ------------------------------------------------------

# pod_paths maps workload resource types to the nested-block path of their
# pod spec.
pod_paths := {
	"kubernetes_pod": ["spec"],
	"kubernetes_pod_v1": ["spec"],
	"kubernetes_deployment": ["spec", "template", "spec"],
	"kubernetes_deployment_v1": ["spec", "template", "spec"],
	"kubernetes_stateful_set": ["spec", "template", "spec"],
	"kubernetes_stateful_set_v1": ["spec", "template", "spec"],
	"kubernetes_daemonset": ["spec", "template", "spec"],
	"kubernetes_daemon_set_v1": ["spec", "template", "spec"],
	"kubernetes_replication_controller": ["spec", "template", "spec"],
	"kubernetes_replication_controller_v1": ["spec", "template", "spec"],
	"kubernetes_job": ["spec", "template", "spec"],
	"kubernetes_job_v1": ["spec", "template", "spec"],
	"kubernetes_cron_job": ["spec", "job_template", "spec", "template", "spec"],
	"kubernetes_cron_job_v1": ["spec", "job_template", "spec", "template", "spec"],
}

# pod_specs lists {"r", "spec", "ptr"} for every workload's pod spec.
pod_specs contains {"r": r, "spec": spec, "ptr": ptr} if {
	some r in lib.resources_of(object.keys(pod_paths))
	path := [x | some name in pod_paths[r.type]; some x in [name, 0]]
	spec := object.get(r.config, path, null)
	is_object(spec)
	ptr := concat("", [sprintf("/%v", [x]) | some x in path])
}

# containers lists {"r", "c", "ptr"} for every container and init container.
containers contains {"r": p.r, "c": c, "ptr": sprintf("%s/%s/%d", [p.ptr, kind, i])} if {
	some p in pod_specs
	some kind in ["container", "init_container"]
	some i, c in lib.blocks(p.spec, kind)
	is_object(c)
}

# container_name is a container's name for messages.
container_name(c) := c.name if is_string(c.name)

else := "(unnamed)"
