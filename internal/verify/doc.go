// Package verify asks a secret's provider whether a leaked credential still
// works, and classifies it as finding.Verified, finding.Invalid or
// finding.Unverified ("unknown").
//
// Verification is off by default: it sends the secret to the third party
// that issued it, so it only runs when the user passes --verify. Each check
// is one read-only, "who am I"-style request, described as data in
// providers.go; a Verifier caches answers per (rule, secret) so a secret
// found many times is asked about once, and it is safe for concurrent use.
//
// This package must never:
//   - call an endpoint that changes state, sends a message (such as a Slack
//     or Discord webhook) or costs money (such as a completion);
//   - send a secret anywhere but the place its provider requires, which is a
//     request header everywhere except Telegram, whose Bot API puts the
//     token in the path by design;
//   - follow redirects, which could carry a credential to another host;
//   - return, log or wrap a secret, a request URL or a transport error: the
//     only outputs are a status and a provider name;
//   - read more than 64 KiB of any response.
//
// Invalid means the provider rejected the credential at its public API.
// A 429, a 5xx, a timeout, a redirect or an answer it cannot read is
// Unverified, never Invalid.
package verify
