package finding

// Misconfig is what a misconfiguration finding (Scanner "misconfig") adds:
// the check's explanation and the resource it judged. RuleID is the
// check's id and Title its title.
type Misconfig struct {
	// Message is the check's message about this resource.
	Message string `json:"message"`
	// Kind is the format: terraform, kubernetes, dockerfile, compose,
	// github-actions.
	Kind string `json:"kind"`
	// Resource is the resource's address ("aws_s3_bucket.logs",
	// "default/Deployment/web") and ResourceType its type.
	Resource     string   `json:"resource"`
	ResourceType string   `json:"resource_type"`
	Description  string   `json:"description,omitempty"`
	Remediation  string   `json:"remediation,omitempty"`
	References   []string `json:"references,omitempty"`
	CWE          []string `json:"cwe,omitempty"`
	// Related are the ids of the equivalent KICS, Checkov and Trivy
	// checks.
	Related []string `json:"related,omitempty"`
	// CalledFrom is where the resource was built from a file it is not
	// written in: the module block that instantiated a Terraform module's
	// resource ("path:line"), or the kustomization that built a manifest.
	CalledFrom string `json:"called_from,omitempty"`
	// Custom is true for a check from --policy.
	Custom bool `json:"custom,omitempty"`
}
