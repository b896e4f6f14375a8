package verify

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/wardsec/ward/internal/finding"
)

// providers is the table of checks. Every endpoint is read-only and free:
// a "who am I", a token introspection, a model or scope listing.
//
// Rules deliberately left out, and why:
//   - slack-webhook-url: the only way to test a webhook is to post a message.
//   - github-refresh-token: using a refresh token consumes it (it is
//     single-use) and needs the app's client secret.
//   - twilio-api-key: an API key SID authenticates only together with its
//     secret and the account SID, which the rule does not capture.
//   - perplexity-api-key: the public API offers only paid completions; the
//     one model listing lives under the Router/Gateway API, documented as a
//     private preview, so a live key without preview access could be
//     misreported as invalid.
var providers = []provider{
	{
		name:  "airtable",
		rules: []string{"airtable-pat"},
		base:  "https://api.airtable.com", path: "/v0/meta/whoami",
		auth: bearer,
	},
	{
		name:  "anthropic",
		rules: []string{"anthropic-api-key"},
		base:  "https://api.anthropic.com", path: "/v1/models?limit=1",
		headers: map[string]string{"anthropic-version": "2023-06-01"},
		auth:    header("x-api-key", ""),
	},
	{
		name:  "cloudflare",
		rules: []string{"cloudflare-api-token"},
		base:  "https://api.cloudflare.com", path: "/client/v4/user/tokens/verify",
		auth: bearer, judge: judgeCloudflare,
	},
	{
		name:  "cohere",
		rules: []string{"cohere-api-key"},
		base:  "https://api.cohere.com", path: "/v1/check-api-key",
		method: http.MethodPost,
		auth:   bearer, judge: judgeValidField,
	},
	{
		// Datadog keys belong to one site and are rejected (403) by the
		// others, so every public site is asked before calling a key invalid.
		name:  "datadog",
		rules: []string{"datadog-api-key"},
		base:  "https://api.datadoghq.com", path: "/api/v1/validate",
		fallback: []string{
			"https://api.datadoghq.eu",
			"https://api.us3.datadoghq.com",
			"https://api.us5.datadoghq.com",
			"https://api.ap1.datadoghq.com",
			"https://api.ap2.datadoghq.com",
			"https://api.ddog-gov.com",
		},
		auth: header("DD-API-KEY", ""), judge: judgeValidField,
	},
	{
		name:  "deepseek",
		rules: []string{"deepseek-api-key"},
		base:  "https://api.deepseek.com", path: "/user/balance",
		auth: bearer,
	},
	{
		name:  "digitalocean",
		rules: []string{"digitalocean-pat"},
		base:  "https://api.digitalocean.com", path: "/v2/account",
		auth: bearer,
	},
	{
		name:  "discord",
		rules: []string{"discord-bot-token"},
		base:  "https://discord.com", path: "/api/v10/users/@me",
		auth: header("Authorization", "Bot "),
	},
	{
		name:  "figma",
		rules: []string{"figma-pat"},
		base:  "https://api.figma.com", path: "/v1/me",
		auth: header("X-Figma-Token", ""),
	},
	{
		// GitHub answers 403 both to rate limits and, after repeated bad
		// logins, to every credential; installation tokens (ghs_) also get
		// 403 from /user. None of these says the token is dead.
		name: "github",
		rules: []string{
			"github-app-token", "github-fine-grained-pat", "github-oauth", "github-pat",
		},
		base: "https://api.github.com", path: "/user",
		headers: map[string]string{
			"Accept":               "application/vnd.github+json",
			"X-GitHub-Api-Version": "2022-11-28",
		},
		auth: bearer, forbidden: finding.Unverified,
	},
	{
		// Only gitlab.com is asked: a token of a self-managed instance is
		// reported invalid.
		name:  "gitlab",
		rules: []string{"gitlab-pat"},
		base:  "https://gitlab.com", path: "/api/v4/personal_access_tokens/self",
		auth: header("PRIVATE-TOKEN", ""), judge: judgeGitLab,
	},
	{
		name:  "groq",
		rules: []string{"groq-api-key"},
		base:  "https://api.groq.com", path: "/openai/v1/models",
		auth: bearer,
	},
	{
		name:  "heroku",
		rules: []string{"heroku-api-key"},
		base:  "https://api.heroku.com", path: "/account",
		headers: map[string]string{"Accept": "application/vnd.heroku+json; version=3"},
		auth:    bearer,
	},
	{
		// HubSpot documents 403 as "authenticated, lacks permission".
		name:  "hubspot",
		rules: []string{"hubspot-private-app-token"},
		base:  "https://api.hubapi.com", path: "/account-info/v3/details",
		auth: bearer, forbidden: finding.Verified,
	},
	{
		name:  "huggingface",
		rules: []string{"huggingface-access-token"},
		base:  "https://huggingface.co", path: "/api/whoami-v2",
		auth: bearer,
	},
	{
		// Personal API keys go in Authorization without a scheme.
		name:  "linear",
		rules: []string{"linear-api-key"},
		base:  "https://api.linear.app", path: "/graphql",
		method: http.MethodPost, body: `{"query":"{ viewer { id } }"}`,
		auth: header("Authorization", ""), judge: judgeLinear,
	},
	{
		name:    "mailchimp",
		rules:   []string{"mailchimp-api-key"},
		display: "https://{dc}.api.mailchimp.com", origin: mailchimpOrigin,
		path: "/3.0/ping",
		auth: basicUser("ward"),
	},
	{
		// EU accounts live on their own host.
		name:  "mailgun",
		rules: []string{"mailgun-api-key"},
		base:  "https://api.mailgun.net", path: "/v3/domains?limit=1",
		fallback: []string{"https://api.eu.mailgun.net"},
		auth:     basicUser("api"),
	},
	{
		name:  "mistral",
		rules: []string{"mistral-api-key"},
		base:  "https://api.mistral.ai", path: "/v1/models",
		auth: bearer,
	},
	{
		name:  "notion",
		rules: []string{"notion-api-token"},
		base:  "https://api.notion.com", path: "/v1/users/me",
		headers: map[string]string{"Notion-Version": "2022-06-28"},
		auth:    bearer,
	},
	{
		name:  "npm",
		rules: []string{"npm-access-token"},
		base:  "https://registry.npmjs.org", path: "/-/whoami",
		auth: bearer,
	},
	{
		name:  "openai",
		rules: []string{"openai-api-key"},
		base:  "https://api.openai.com", path: "/v1/models",
		auth: bearer,
	},
	{
		name:  "openrouter",
		rules: []string{"openrouter-api-key"},
		base:  "https://openrouter.ai", path: "/api/v1/key",
		auth: bearer,
	},
	{
		name:  "postmark",
		rules: []string{"postmark-server-token"},
		base:  "https://api.postmarkapp.com", path: "/server",
		auth: header("X-Postmark-Server-Token", ""),
	},
	{
		name:  "replicate",
		rules: []string{"replicate-api-token"},
		base:  "https://api.replicate.com", path: "/v1/account",
		auth: bearer,
	},
	{
		name:  "sendgrid",
		rules: []string{"sendgrid-api-key"},
		base:  "https://api.sendgrid.com", path: "/v3/scopes",
		auth: bearer,
	},
	{
		// /api/0/ answers 200 to anyone; "auth" is null unless the token
		// authenticated.
		name:  "sentry",
		rules: []string{"sentry-org-token", "sentry-user-token"},
		base:  "https://sentry.io", path: "/api/0/",
		auth: bearer, judge: judgeSentry,
	},
	{
		// auth.test answers 200 with {"ok":false,"error":...} to bad tokens.
		name:  "slack",
		rules: []string{"slack-bot-token", "slack-user-token"},
		base:  "https://slack.com", path: "/api/auth.test",
		method: http.MethodPost, ctype: "application/x-www-form-urlencoded",
		auth: bearer, judge: judgeSlack,
	},
	{
		// Stripe documents 403 as "the key lacks permission", which a live
		// restricted key without balance access gets.
		name:  "stripe",
		rules: []string{"stripe-restricted-key", "stripe-secret-key"},
		base:  "https://api.stripe.com", path: "/v1/balance",
		auth: basicKey, forbidden: finding.Verified,
	},
	{
		// The Bot API takes the token in the path; it answers 401 to a
		// wrong token and 404 to one it cannot parse.
		name:  "telegram",
		rules: []string{"telegram-bot-token"},
		base:  "https://api.telegram.org", pathFor: telegramPath,
		auth: noAuth, invalid: []int{http.StatusNotFound},
	},
	{
		// xAI answers 400 to an invalid key on this endpoint.
		name:  "xai",
		rules: []string{"xai-api-key"},
		base:  "https://api.x.ai", path: "/v1/api-key",
		auth: bearer, invalid: []int{http.StatusBadRequest}, judge: judgeXAI,
	},
}

// byRule indexes providers by the rule ids they handle.
var byRule = index(providers)

// index maps rule ids to providers; a rule listed twice is a bug in the table.
func index(ps []provider) map[string]*provider {
	m := make(map[string]*provider)
	for i := range ps {
		p := &ps[i]
		if p.auth == nil || (p.path == "" && p.pathFor == nil) || (p.base == "" && p.origin == nil) {
			panic(fmt.Sprintf("verify: provider %s is incomplete", p.name))
		}
		for _, id := range p.rules {
			if _, dup := m[id]; dup {
				panic(fmt.Sprintf("verify: rule %s has two providers", id))
			}
			m[id] = p
		}
	}
	return m
}

// mailchimpOrigin reads the datacenter from a key's "-us21" suffix.
func mailchimpOrigin(secret string) (string, bool) {
	i := strings.LastIndexByte(secret, '-')
	if i < 0 {
		return "", false
	}
	dc := secret[i+1:]
	if !datacenter(dc) {
		return "", false
	}
	return "https://" + dc + ".api.mailchimp.com", true
}

// datacenter reports whether s looks like a Mailchimp datacenter ("us21"):
// lowercase letters then digits, so it can only name a host under
// api.mailchimp.com.
func datacenter(s string) bool {
	afterLetters := strings.TrimLeft(s, "abcdefghijklmnopqrstuvwxyz")
	afterDigits := strings.TrimLeft(afterLetters, "0123456789")
	return len(s) <= 8 && len(afterLetters) < len(s) && afterLetters != "" && afterDigits == ""
}

// telegramPath puts a bot token ("123456:ABC-def_…") into the getMe path,
// refusing anything that could change the path's shape.
func telegramPath(secret string) (string, bool) {
	id, key, ok := strings.Cut(secret, ":")
	if !ok || id == "" || key == "" || strings.Trim(id, "0123456789") != "" {
		return "", false
	}
	for _, r := range key {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return "", false
		}
	}
	return "/bot" + secret + "/getMe", true
}
