# Helpers of the Kubernetes manifest checks (rules/kubernetes).
package ward.lib.k8s

import rego.v1

import data.ward.lib

# knative_pod_ptr is the pod spec pointer of Knative serving objects,
# which the manifest parser does not mark as workloads.
knative_pod_ptr(r) := "/spec/template/spec" if {
	startswith(object.get(r.config, "apiVersion", ""), "serving.knative.dev/")
	r.type in {"Service", "Configuration"}
} else := "/spec" if {
	startswith(object.get(r.config, "apiVersion", ""), "serving.knative.dev/")
	r.type == "Revision"
}

# pod_ptr is the JSON pointer of a workload's pod spec.
pod_ptr(r) := r.config._pod

pod_ptr(r) := p if {
	not r.config._pod
	p := knative_pod_ptr(r)
}

# pod_spec is a workload's pod spec (Pod, controllers, CronJob, Knative).
pod_spec(r) := spec if {
	spec := object.get(r.config, lib.pointer_path(pod_ptr(r)), null)
	is_object(spec)
}

# workloads are the document's resources that carry a pod spec.
workloads := [r | some r in input.resources; pod_spec(r)]

# containers lists {"c", "ptr", "kind"} for every container, init
# container and ephemeral container of a workload.
containers(r) := [x |
	spec := pod_spec(r)
	some k in ["containers", "initContainers", "ephemeralContainers"]
	some i, c in lib.as_list(object.get(spec, k, []))
	is_object(c)
	x := {"c": c, "ptr": sprintf("%s/%s/%d", [pod_ptr(r), k, i]), "kind": k}
]

# all_containers pairs every workload with each of its containers.
all_containers := [[r, x] | some r in workloads; some x in containers(r)]

# app_containers are the long-running containers (no init or ephemeral).
app_containers(r) := [x | some x in containers(r); x.kind == "containers"]

# batch holds for workloads that run to completion.
batch(r) if r.type in {"Job", "CronJob"}

batch(r) if {
	r.type == "Pod"
	object.get(r.config, ["spec", "restartPolicy"], "Always") in {"Never", "OnFailure"}
}

# name_of is a container's name for messages.
name_of(x) := n if {
	n := x.c.name
	is_string(n)
} else := sprintf("#%s", [x.ptr])

# has_path holds when obj has a non-null value at the key path.
has_path(obj, keys) if object.get(obj, keys, null) != null

# deepest is the pointer of the deepest existing prefix of keys below
# base: where a missing setting would have to be written.
deepest(obj, base, keys) := concat("/", array.concat([base], array.slice(keys, 0, n))) if {
	n := max({i |
		some i in numbers.range(0, count(keys))
		present_prefix(obj, keys, i)
	})
}

present_prefix(_, _, 0) := true

present_prefix(obj, keys, i) if {
	i > 0
	has_path(obj, array.slice(keys, 0, i))
}

# esc escapes a key for use as a JSON pointer segment.
esc(k) := replace(replace(k, "~", "~0"), "/", "~1")

# security_value is a container's security context setting, falling
# back to the pod's (container settings override pod settings).
security_value(r, x, key) := v if {
	v := x.c.securityContext[key]
	v != null
} else := v if {
	v := pod_spec(r).securityContext[key]
	v != null
}

# security_ptr is the pointer of the setting security_value read.
security_ptr(r, x, key) := sprintf("%s/securityContext/%s", [x.ptr, key]) if {
	x.c.securityContext[key] != null
} else := sprintf("%s/securityContext/%s", [pod_ptr(r), key]) if {
	pod_spec(r).securityContext[key] != null
}

# namespace of an object ("default" when unset).
namespace(r) := ns if {
	v := r.config.metadata.namespace
	is_string(v)
	ns := trim_space(v)
	ns != ""
} else := "default"

# meta_ptr points at an object's namespace, else its name, else metadata.
meta_ptr(r) := "/metadata/namespace" if {
	r.config.metadata.namespace
} else := "/metadata/name" if {
	r.config.metadata.name
} else := "/metadata" if {
	r.config.metadata
} else := ""

# pod_labels are the labels of a workload's pods.
pod_labels(r) := object.get(r.config, array.concat(pod_meta_path(r), ["labels"]), {})

# pod_meta_path is the path of the metadata of a workload's pods: the
# object's own for pods, its template's for controllers.
pod_meta_path(r) := ["metadata"] if {
	pod_ptr(r) == "/spec"
} else := array.concat(template_path(r), ["metadata"])

# linux holds unless the pod declares a Windows operating system.
linux(r) if object.get(pod_spec(r), ["os", "name"], "linux") != "windows"

# template_path is the path of the pod template's parent (…/template).
template_path(r) := array.slice(p, 0, count(p) - 1) if {
	p := lib.pointer_path(pod_ptr(r))
	count(p) > 1
}

# selector_matches holds when labels carry every label of sel, a plain
# label map (a Service selector or a matchLabels).
selector_matches(sel, labels) if {
	is_object(sel)
	is_object(labels)
	every k, v in sel {
		labels[k] == v
	}
}

# valid_selector holds when a controller's selector matches its own pod
# template (the API server rejects other objects).
valid_selector(r) if {
	sel := r.config.spec.selector.matchLabels
	selector_matches(sel, pod_labels(r))
}

# Container command lines --------------------------------------------

# tokens are the words of a container's command followed by its args,
# each with the pointer of the list item it was written in.
tokens(x) := [t |
	some k in ["command", "args"]
	some i, e in lib.as_list(object.get(x.c, k, []))
	is_string(e)
	some w in regex.split(`\s+`, trim_space(e))
	not w in {"", "\\"}
	t := {"w": w, "ptr": sprintf("%s/%s/%d", [x.ptr, k, i])}
]

base_name(w) := n if {
	parts := split(w, "/")
	n := parts[count(parts) - 1]
}

shells := {"sh", "bash", "ash", "dash"}

# program is the binary a container runs: the first word of the command
# line, the word after "sh -c", or a hyperkube subcommand; without a
# command, the image's name.
program(x) := p if {
	ts := tokens(x)
	count(ts) > 0
	x.c.command
	p := program_of(ts)
} else := p if {
	not x.c.command
	img := x.c.image
	is_string(img)
	p := image_program(img)
}

program_of(ts) := p if {
	base_name(ts[0].w) in shells
	ts[1].w == "-c"
	p := base_name(script_word(ts, 2))
} else := p if {
	base_name(ts[0].w) == "hyperkube"
	p := hyperkube_sub(ts[1].w)
} else := base_name(ts[0].w)

# script_word skips a leading "exec" in a shell script.
script_word(ts, i) := ts[i + 1].w if {
	ts[i].w == "exec"
} else := ts[i].w

hyperkube_sub(w) := "kube-apiserver" if w in {"apiserver", "kube-apiserver"}

else := "kube-controller-manager" if w in {"controller-manager", "kube-controller-manager"}

else := "kubelet" if w == "kubelet"

else := w

image_programs := ["kube-apiserver", "kube-controller-manager", "kube-scheduler", "kubelet", "etcd"]

image_program(img) := p if {
	repo := base_name(split(split(img, "@")[0], ":")[0])
	some p in image_programs
	regex.match(sprintf("^%s(-(amd64|arm64|arm|ppc64le|s390x))?$", [p]), repo)
}

# runs holds when container x runs the given binary.
runs(x, name) if program(x) == name

# control_containers pairs workloads with containers running name.
control_containers(name) := [[r, x] |
	some r in workloads
	some x in containers(r)
	runs(x, name)
]

# flag lists {"v": value, "ptr": pointer} for each occurrence of a
# command-line flag (--name=value, --name value, or a bare --name), and
# for etcd of its ETCD_<NAME> environment variable.
flag(x, name) := array.concat(cli_flag(x, name), env_flag(x, name))

cli_flag(x, name) := [f |
	ts := tokens(x)
	some i, t in ts
	f := flag_at(ts, i, t.w, name)
]

env_flag(x, name) := [{"v": e.value, "ptr": sprintf("%s/env/%d", [x.ptr, i])} |
	runs(x, "etcd")
	var := sprintf("ETCD_%s", [upper(replace(name, "-", "_"))])
	some i, e in lib.as_list(object.get(x.c, "env", []))
	e.name == var
	is_string(e.value)
]

flag_at(ts, i, w, name) := {"v": substring(w, count(p), -1), "ptr": ts[i].ptr} if {
	some p in {sprintf("--%s=", [name]), sprintf("-%s=", [name])}
	startswith(w, p)
} else := {"v": ts[i + 1].w, "ptr": ts[i].ptr} if {
	w in {sprintf("--%s", [name]), sprintf("-%s", [name])}
	not startswith(ts[i + 1].w, "-")
} else := {"v": "true", "ptr": ts[i].ptr} if {
	w in {sprintf("--%s", [name]), sprintf("-%s", [name])}
}

# has_flag holds when the flag is written at all.
has_flag(x, name) if count(flag(x, name)) > 0

# flag_list is the union of the comma-separated values of a flag.
flag_list(x, name) := {trim_space(v) | some f in flag(x, name); some v in split(f.v, ",")}

# cmd_ptr points at a container's command, else args, else the container.
cmd_ptr(x) := sprintf("%s/command", [x.ptr]) if {
	x.c.command
} else := sprintf("%s/args", [x.ptr]) if {
	x.c.args
} else := x.ptr

# feature_gate lists {"v", "ptr"} for a feature gate set on the command
# line (--feature-gates=A=true,B=false).
feature_gate(x, gate) := [{"v": kv[1], "ptr": f.ptr} |
	some f in flag(x, "feature-gates")
	some pair in split(f.v, ",")
	kv := split(trim_space(pair), "=")
	count(kv) == 2
	kv[0] == gate
]

# RBAC ------------------------------------------------------------------

rbac_roles := [r |
	some r in input.resources
	r.type in {"Role", "ClusterRole"}
]

rbac_bindings := [r |
	some r in input.resources
	r.type in {"RoleBinding", "ClusterRoleBinding"}
]

# rules lists {"rule", "ptr"} for each rule of a Role or ClusterRole.
rules(r) := [{"rule": rule, "ptr": sprintf("/rules/%d", [i])} |
	some i, rule in lib.as_list(object.get(r.config, "rules", []))
	is_object(rule)
]

# rule_values lists {"v", "ptr"} for the items of a rule's list field.
rule_values(x, field) := [{"v": v, "ptr": sprintf("%s/%s/%d", [x.ptr, field, i])} |
	some i, v in lib.as_list(object.get(x.rule, field, []))
	is_string(v)
]

# rule_has holds when a rule's list field holds one of values.
rule_has(x, field, values) if {
	some v in lib.as_list(object.get(x.rule, field, []))
	v in values
}

# grants_resource lists the pointers of the items of a rule's resources
# naming one of res (in the core API group, or any group).
grants_resource(x, res) := [v.ptr |
	some v in rule_values(x, "resources")
	v.v in res
]

core_group(x) if rule_has(x, "apiGroups", {"", "*"})

# Capabilities ------------------------------------------------------------

# cap normalizes a capability name: upper case, without "CAP_".
cap(c) := trim_prefix(upper(trim_space(c)), "CAP_")

# caps lists {"v": normalized name, "ptr"} for a container's
# capabilities.add or capabilities.drop items.
caps(x, list) := [{"v": cap(c), "ptr": sprintf("%s/securityContext/capabilities/%s/%d", [x.ptr, list, i])} |
	some i, c in lib.as_list(object.get(x.c, ["securityContext", "capabilities", list], []))
	is_string(c)
]

# drops holds when the container drops capability name (or ALL).
drops(x, name) if {
	some d in caps(x, "drop")
	d.v in {name, "ALL"}
}

# drop_ptr points at the drop list, or where it would be written.
drop_ptr(x) := deepest(x.c, x.ptr, ["securityContext", "capabilities", "drop"])

# Volumes -----------------------------------------------------------------

# volumes lists {"v": volume, "ptr"} for a workload's pod volumes.
volumes(r) := [{"v": v, "ptr": sprintf("%s/volumes/%d", [pod_ptr(r), i])} |
	some i, v in lib.as_list(object.get(pod_spec(r), "volumes", []))
	is_object(v)
]

# host_paths lists {"path", "ptr" (of the path), "vptr"} for hostPath volumes.
host_paths(r) := [{"path": p, "ptr": sprintf("%s/hostPath/path", [v.ptr]), "vptr": v.ptr} |
	some v in volumes(r)
	is_object(v.v.hostPath)
	p := v.v.hostPath.path
	is_string(p)
]

# clean_path drops trailing slashes (but keeps "/").
clean_path(p) := "/" if {
	trim_right(p, "/") == ""
} else := trim_right(p, "/")

# image_tag is an image reference's tag ("" when it has none).
image_tag(img) := t if {
	parts := split(img, "/")
	last := parts[count(parts) - 1]
	contains(last, ":")
	t := split(last, ":")[1]
} else := ""

# image_digest holds for images referenced by digest.
image_digest(img) if contains(img, "@")

# service_account is the name of the service account a pod spec uses.
service_account(spec) := n if {
	n := spec.serviceAccountName
	is_string(n)
	n != ""
} else := n if {
	n := spec.serviceAccount
	is_string(n)
	n != ""
} else := "default"

# Services -------------------------------------------------------------------

# services are the document's core Services (not Knative's).
services := [r |
	some r in input.resources
	r.type == "Service"
	object.get(r.config, "apiVersion", "") == "v1"
]

# label_selector_matches evaluates a LabelSelector (matchLabels and
# matchExpressions) against labels. An empty selector matches everything.
label_selector_matches(sel, labels) if {
	is_object(sel)
	every k, v in object.get(sel, "matchLabels", {}) {
		labels[k] == v
	}
	every e in lib.as_list(object.get(sel, "matchExpressions", [])) {
		expression_matches(e, labels)
	}
}

label_selector_matches(null, _)

expression_matches(e, labels) if {
	e.operator == "In"
	labels[e.key] in lib.as_list(object.get(e, "values", []))
}

expression_matches(e, labels) if {
	e.operator == "NotIn"
	not labels[e.key] in lib.as_list(object.get(e, "values", []))
}

expression_matches(e, labels) if {
	e.operator == "Exists"
	lib.has(labels, e.key)
}

expression_matches(e, labels) if {
	e.operator == "DoesNotExist"
	not lib.has(labels, e.key)
}

# Control plane ---------------------------------------------------------------

# kubelet_configs are KubeletConfiguration objects.
kubelet_configs := [r | some r in input.resources; r.type == "KubeletConfiguration"]

# admission_enabled lists the admission plugins a kube-apiserver enables
# explicitly (--enable-admission-plugins and the legacy --admission-control).
admission_enabled(x) := flag_list(x, "enable-admission-plugins") | flag_list(x, "admission-control")

# admission_ptr points at the flag enabling admission plugins, or at
# the command line when it is missing.
admission_ptr(x) := f.ptr if {
	some f in flag(x, "enable-admission-plugins")
} else := f.ptr if {
	some f in flag(x, "admission-control")
} else := cmd_ptr(x)

# minor_version is the Kubernetes minor version of a control-plane image
# tag (v1.27.3 → 27), when the tag is a version.
minor_version(x) := to_number(m[1]) if {
	img := x.c.image
	is_string(img)
	tag := image_tag(img)
	m := regex.find_all_string_submatch_n(`^v?1\.([0-9]+)`, tag, 1)[0]
}
