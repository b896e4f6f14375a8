package verify

import (
	"encoding/json"
	"slices"

	"github.com/wardsec/ward/internal/finding"
)

// Judges read the body of providers whose status code does not tell the
// whole story. Each returns "" to let the status code decide, and decides
// itself for a 2xx answer.

func ok2xx(code int) bool { return code >= 200 && code < 300 }

// slackDead lists auth.test errors that mean the token does not work.
var slackDead = []string{
	"invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired",
}

// judgeSlack reads {"ok":bool,"error":string}; Slack answers 200 either way.
func judgeSlack(code int, body []byte) string {
	if !ok2xx(code) {
		return ""
	}
	var r struct {
		OK    bool   `json:"ok"`
		Error string `json:"error"`
	}
	switch {
	case json.Unmarshal(body, &r) != nil:
		return finding.Unverified
	case r.OK:
		return finding.Verified
	case slices.Contains(slackDead, r.Error):
		return finding.Invalid
	default: // ratelimited, fatal_error, ...
		return finding.Unverified
	}
}

// judgeSentry reads the index endpoint, where "auth" is null for a
// request that did not authenticate.
func judgeSentry(code int, body []byte) string {
	if !ok2xx(code) {
		return ""
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(body, &fields) != nil {
		return finding.Unverified
	}
	auth, present := fields["auth"]
	switch {
	case !present:
		return finding.Unverified
	case string(auth) == "null":
		return finding.Invalid
	default:
		return finding.Verified
	}
}

// judgeValidField reads {"valid":bool} (Cohere, Datadog).
func judgeValidField(code int, body []byte) string {
	if !ok2xx(code) {
		return ""
	}
	var r struct {
		Valid *bool `json:"valid"`
	}
	if json.Unmarshal(body, &r) == nil && r.Valid != nil && !*r.Valid {
		return finding.Invalid
	}
	return finding.Verified
}

// judgeCloudflare reads the token's status: only "active" works.
func judgeCloudflare(code int, body []byte) string {
	if !ok2xx(code) {
		return ""
	}
	var r struct {
		Result struct {
			Status string `json:"status"`
		} `json:"result"`
	}
	if json.Unmarshal(body, &r) == nil && r.Result.Status != "" && r.Result.Status != "active" {
		return finding.Invalid
	}
	return finding.Verified
}

// judgeGitLab reads the token's own record: inactive or revoked tokens
// do not work.
func judgeGitLab(code int, body []byte) string {
	if !ok2xx(code) {
		return ""
	}
	var r struct {
		Active  *bool `json:"active"`
		Revoked bool  `json:"revoked"`
	}
	if json.Unmarshal(body, &r) == nil && (r.Revoked || (r.Active != nil && !*r.Active)) {
		return finding.Invalid
	}
	return finding.Verified
}

// judgeXAI reads the key's flags: a blocked or disabled key does not work.
func judgeXAI(code int, body []byte) string {
	if !ok2xx(code) {
		return ""
	}
	var r struct {
		KeyBlocked  bool `json:"api_key_blocked"`
		KeyDisabled bool `json:"api_key_disabled"`
		TeamBlocked bool `json:"team_blocked"`
	}
	if json.Unmarshal(body, &r) == nil && (r.KeyBlocked || r.KeyDisabled || r.TeamBlocked) {
		return finding.Invalid
	}
	return finding.Verified
}

// judgeLinear reads a GraphQL answer. Linear reports a bad key as an
// AUTHENTICATION_ERROR in "errors", whatever the status code.
func judgeLinear(code int, body []byte) string {
	var r struct {
		Data struct {
			Viewer struct {
				ID string `json:"id"`
			} `json:"viewer"`
		} `json:"data"`
		Errors []struct {
			Extensions struct {
				Code string `json:"code"`
			} `json:"extensions"`
		} `json:"errors"`
	}
	if json.Unmarshal(body, &r) != nil {
		if ok2xx(code) {
			return finding.Unverified
		}
		return ""
	}
	for _, e := range r.Errors {
		if e.Extensions.Code == "AUTHENTICATION_ERROR" {
			return finding.Invalid
		}
	}
	switch {
	case r.Data.Viewer.ID != "":
		return finding.Verified
	case ok2xx(code):
		return finding.Unverified
	default:
		return ""
	}
}
