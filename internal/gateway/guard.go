package gateway

import (
	"context"
	"net/http"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/wardsec/ward/internal/authn"
	"github.com/wardsec/ward/internal/event"
	"github.com/wardsec/ward/internal/guard"
	"github.com/wardsec/ward/internal/redact"
)

// Guard modes.
const (
	GuardOff   = "off"
	GuardFlag  = "flag"  // judge and record, change nothing (shadow rollout)
	GuardBlock = "block" // enforce the policy's actions
)

// Link actions of OutputPolicy.Links.
const (
	LinksStrip = "strip"
	LinksFlag  = "flag"
	LinksBlock = "block"
)

// GuardOptions turn on the guard: a default policy, named policies that
// keys (Limits.Guard), teams (Scope.Limits.Guard) and routes pick, in that
// order, and the detectors the policies share.
type GuardOptions struct {
	Default  *GuardPolicy
	Policies map[string]*GuardPolicy
	// Routes maps an API route to a policy name ("off" for none).
	Routes map[string]string
	// Secrets finds credentials (Ward's secret rules; a
	// *secrets.Detector); nil leaves credentials to the PII types only.
	Secrets redact.Detector
	// Classifier, when set, scores the caller's text too (an external
	// model such as guard.Classifier); its score is combined with Ward's.
	Classifier Classifier
	// ClassifierFailOpen lets a request through when the classifier
	// fails; otherwise it is refused with 503.
	ClassifierFailOpen bool
}

// Classifier scores text for prompt injection in [0,1].
type Classifier interface {
	Score(ctx context.Context, text string) (float64, error)
}

// GuardPolicy is what the guard does with the requests it applies to.
type GuardPolicy struct {
	Mode string
	// Threshold flags injection in the caller's own text, and
	// IndirectThreshold in content the application did not write.
	Threshold, IndirectThreshold float64
	// SkipInjection turns prompt-injection detection off (the data,
	// canary and answer checks still run).
	SkipInjection bool
	// DocumentTags are the tags around retrieved documents in system and
	// caller messages (see documentSpan), whose content is judged as
	// indirect; none turns the search off.
	DocumentTags []string
	// Data is the action per kind of sensitive data in requests
	// (redact types and redact.TypeSecret).
	Data          redact.Policy
	MinConfidence float64
	Output        OutputPolicy
	// SkipClassifier leaves the external classifier out.
	SkipClassifier bool
}

// OutputPolicy is what the guard checks in answers.
type OutputPolicy struct {
	// Canary adds a canary token to the system prompt and watches for it;
	// SystemPrompt watches for the system prompt's own text.
	Canary, SystemPrompt bool
	// Data is the action per kind of sensitive data in answers (Mask or
	// Block).
	Data redact.Policy
	// AllowedDomains turns the link check on; Links says what happens to
	// other hosts' images and links (strip, flag, block).
	AllowedDomains []string
	Links          string
}

// DefaultGuardPolicy is a policy in the given mode with Ward's defaults:
// credentials, payment cards, IBANs and SSNs blocked in requests and
// masked in answers, canary and system-prompt checks on.
func DefaultGuardPolicy(mode string) *GuardPolicy {
	in, out := redact.Policy{}, redact.Policy{}
	for _, t := range sensitiveTypes {
		in[t], out[t] = redact.Block, redact.Mask
	}
	th := guard.DefaultThreshold()
	return &GuardPolicy{Mode: mode, Threshold: th, IndirectThreshold: th, DocumentTags: slices.Clone(DefaultDocumentTags),
		Data: in, MinConfidence: minSensitiveConfidence,
		Output: OutputPolicy{Canary: true, SystemPrompt: true, Data: out, Links: LinksStrip}}
}

// sensitiveTypes are what a default policy keeps from providers and
// answers (emails and phone numbers are ordinary in prompts).
var sensitiveTypes = []string{redact.TypeSecret, redact.TypeCard, redact.TypeIBAN, redact.TypeSSN}

// minSensitiveConfidence keeps weak matches (bare digit runs) out.
const minSensitiveConfidence = 0.8

// maxGuardText bounds the text judged for injection in one go: longer
// text is judged in windows of this size (see windows).
const maxGuardText = 256 << 10

// guardOverlap is how far consecutive windows overlap, so that a phrase
// a window's edge cuts is whole in the next one.
const guardOverlap = 4 << 10

// flightGuard is the guard's state for one request.
type flightGuard struct {
	policy *GuardPolicy
	// vault holds the request's pseudonyms, restored in the answer.
	vault  *redact.Vault
	canary string
	// system is the system prompt as the caller sent it (for the overlap
	// check).
	system string
	// denied is set when the answer was refused; unchecked when part of
	// it went out unchecked.
	denied    *apiError
	unchecked bool
}

// enforce reports whether the policy acts (block mode) rather than only
// records.
func (p *GuardPolicy) enforce() bool { return p.Mode == GuardBlock }

func (p *GuardPolicy) action() string {
	if p.enforce() {
		return "block"
	}
	return "flag"
}

// guardPolicy picks the policy of a request: the caller's, its team's,
// the route's, or the default; nil when the guard is off for it.
func (g *Gateway) guardPolicy(p *authn.Principal, route string) *GuardPolicy {
	o := g.Guard
	if o == nil {
		return nil
	}
	name := p.Limits.Guard
	if t, ok := g.Teams[p.Team]; name == "" && ok && p.Team != "" {
		name = t.Limits.Guard
	}
	if name == "" {
		name = o.Routes[route]
	}
	pol := o.Default
	if name != "" {
		var ok bool
		if pol, ok = o.Policies[name]; !ok && name != GuardOff {
			g.log.Warn("unknown guard policy; using the default", "policy", name)
			pol = o.Default
		}
	}
	if pol == nil || pol.Mode == "" || pol.Mode == GuardOff {
		return nil
	}
	return pol
}

// judge runs the guard's request checks: prompt injection, then
// sensitive data (refused, masked or pseudonymised), then the canary. It
// returns an error for a request to refuse; the body it forwards may be
// rewritten.
func (g *Gateway) judge(ctx context.Context, f *flight, route string) *apiError {
	pol := g.guardPolicy(f.principal, route)
	if pol == nil {
		return nil
	}
	doc, err := f.texts()
	if err != nil {
		return nil // the body was validated; nothing the guard can read
	}
	fg := &flightGuard{policy: pol, system: doc.ownSystem(pol.DocumentTags)}
	f.guard = fg
	if len(doc.skipped) > 0 {
		// Images, audio and files pass unjudged; the event says so.
		f.ev.Verdicts = append(f.ev.Verdicts, event.Verdict{Detector: "unscanned_content", Action: "note", Category: strings.Join(doc.skipped, ",")})
	}
	if route != routeEmbeddings && !pol.SkipInjection {
		if e := g.judgeInjection(ctx, f, pol, doc); e != nil {
			return e
		}
	}
	changed, e := g.judgeData(f, pol, doc)
	if e != nil {
		return e
	}
	if pol.Output.Canary && route != routeEmbeddings {
		if c := guard.NewCanary(); doc.appendSystem("\n\n" + guard.CanarySystemLine(c)) {
			fg.canary, changed = c, true
		}
	}
	if changed {
		if err := f.in.replaceBody(doc.encode()); err != nil {
			g.log.Error("guard: rewrite request", "err", err)
			return errUpstream(http.StatusInternalServerError, "guard_error", "the request could not be prepared")
		}
	}
	return nil
}

// judgeInjection scores the caller's text and, with its own threshold,
// the content the application did not write (tool results, and documents
// in any message: see injectionTexts): all of it, window by window (the
// highest score counts); the external classifier reads the window that
// scored highest.
func (g *Gateway) judgeInjection(ctx context.Context, f *flight, pol *GuardPolicy, doc *texts) *apiError {
	direct, indirect := doc.injectionTexts(pol.DocumentTags, pol.Threshold < pol.IndirectThreshold)
	for _, k := range []struct {
		text      string
		detector  string
		threshold float64
	}{{direct, "prompt_injection", pol.Threshold}, {indirect, "indirect_injection", pol.IndirectThreshold}} {
		text := k.text
		if text == "" {
			continue
		}
		v, top := checkWindows(text, k.threshold)
		score := v.Score
		if o := g.Guard; o.Classifier != nil && !pol.SkipClassifier {
			ext, err := o.Classifier.Score(ctx, top)
			if err != nil {
				g.log.Warn("guard: classifier failed", "err", err, "fail_open", o.ClassifierFailOpen)
				f.ev.Verdicts = append(f.ev.Verdicts, event.Verdict{Detector: "classifier", Action: "error"})
				if !o.ClassifierFailOpen {
					return errUpstream(http.StatusServiceUnavailable, "guard_unavailable", "the request could not be checked right now")
				}
			}
			score = guard.Combine(score, ext)
		}
		if score < k.threshold {
			continue
		}
		f.ev.Verdicts = append(f.ev.Verdicts, event.Verdict{Detector: k.detector, Action: pol.action(), Score: score, Category: strings.Join(v.Categories, ",")})
		if pol.enforce() {
			return &apiError{status: http.StatusBadRequest, kind: "invalid_request_error", code: "prompt_injection_detected",
				msg: "the request was refused: it looks like a prompt injection", reason: "prompt_injection_detected"}
		}
	}
	return nil
}

// checkWindows judges text window by window: the verdict has the highest
// score and every window's categories; top is the window that scored
// highest (the first on a tie).
func checkWindows(text string, threshold float64) (v guard.Verdict, top string) {
	var cats []string
	for i, w := range windows(text) {
		wv := guard.Check(w, threshold)
		for _, c := range wv.Categories {
			cats = appendNew(cats, c)
		}
		if i == 0 || wv.Score > v.Score {
			v, top = wv, w
		}
	}
	sort.Strings(cats)
	v.Categories = cats
	return v, top
}

// windows cuts text into windows of at most maxGuardText bytes, each
// starting guardOverlap bytes before the previous one ends, on character
// boundaries.
func windows(text string) []string {
	var out []string
	for start := 0; ; {
		end := runeStart(text, min(len(text), start+maxGuardText))
		out = append(out, text[start:end])
		if end >= len(text) {
			return out
		}
		start = runeStart(text, end-guardOverlap)
	}
}

// runeStart moves i back to the start of the character it falls in.
func runeStart(s string, i int) int {
	for k := 0; k < utf8.UTFMax-1 && i > 0 && i < len(s) && !utf8.RuneStart(s[i]); k++ {
		i--
	}
	return i
}

// judgeData finds sensitive data in every text of the request, system
// prompt included. In block mode it refuses what the policy blocks and
// masks or pseudonymises the rest in place; it reports whether it
// changed a text.
func (g *Gateway) judgeData(f *flight, pol *GuardPolicy, doc *texts) (bool, *apiError) {
	if len(pol.Data) == 0 {
		return false, nil
	}
	opts := g.redactOptions(pol.Data, pol.MinConfidence)
	var kinds []string
	actions := map[redact.Action]bool{}
	var hits []found
	span := spanning(&opts, doc.refs)
	for i, t := range doc.refs {
		ms := mergeMatches(opts.Detect(t.text), span[i])
		kinds = pol.ActedOn(ms, kinds, actions)
		if len(ms) > 0 {
			hits = append(hits, found{i, ms})
		}
	}
	if len(kinds) == 0 {
		return false, nil
	}
	sort.Strings(kinds)
	action := pol.action()
	switch {
	case !pol.enforce():
	case actions[redact.Block]:
		action = "block"
	case actions[redact.Pseudonymise]:
		action = "pseudonymise"
	default:
		action = "mask"
	}
	f.ev.Verdicts = append(f.ev.Verdicts, dataVerdicts(pol, kinds, action)...)
	if !pol.enforce() {
		return false, nil
	}
	if action == "block" {
		return false, &apiError{status: http.StatusBadRequest, kind: "invalid_request_error", code: "sensitive_data_detected",
			msg:    "the request was refused: it carries credentials or sensitive personal data (" + strings.Join(kinds, ", ") + ")",
			reason: "sensitive_data_detected"}
	}
	if actions[redact.Pseudonymise] {
		f.guard.vault = redact.NewVault()
		for _, t := range doc.refs {
			f.guard.vault.Reserve(t.text)
		}
	}
	for _, x := range hits {
		out, _ := redact.Apply(doc.refs[x.i].text, x.ms, pol.Data, f.guard.vault)
		doc.set(x.i, out)
	}
	return true, nil
}

// ActedOn adds to kinds the types of ms that p acts on (any action but
// allow), once each, and marks those actions in actions.
func (p *GuardPolicy) ActedOn(ms []redact.Match, kinds []string, actions map[redact.Action]bool) []string {
	for _, m := range ms {
		if act := p.Data[m.Type]; act != redact.Allow {
			kinds = appendNew(kinds, m.Type)
			actions[act] = true
		}
	}
	return kinds
}

// dataVerdicts are a request's sensitive-data verdicts: one with the
// request's action, except when its data is rewritten: then one per
// rewriting action taken (mask, pseudonymise), so neither hides the
// other.
func dataVerdicts(pol *GuardPolicy, kinds []string, action string) []event.Verdict {
	verdict := func(action string, kinds []string) event.Verdict {
		return event.Verdict{Detector: "sensitive_data", Action: action, Score: 1, Category: strings.Join(kinds, ",")}
	}
	if action != "mask" && action != "pseudonymise" {
		return []event.Verdict{verdict(action, kinds)}
	}
	var out []event.Verdict
	for _, a := range []struct {
		act  redact.Action
		name string
	}{{redact.Mask, "mask"}, {redact.Pseudonymise, "pseudonymise"}} {
		var ks []string
		for _, k := range kinds {
			if pol.Data[k] == a.act {
				ks = append(ks, k)
			}
		}
		if len(ks) > 0 {
			out = append(out, verdict(a.name, ks))
		}
	}
	return out
}

// spanning searches the texts of each content list (the parts of one
// message) joined with nothing between them, and returns, by text, the
// pieces of the values found that span two or more of them: "4111 1111"
// and " 1111 1111" are one card number to the model.
func spanning(opts *redact.Options, refs []textRef) map[int][]redact.Match {
	groups := contentLists(refs, func(textRef) bool { return true })
	out := map[int][]redact.Match{}
	for _, idx := range groups {
		if len(idx) < 2 {
			continue
		}
		var b strings.Builder
		starts := make([]int, len(idx))
		for k, i := range idx {
			starts[k] = b.Len()
			b.WriteString(refs[i].text)
		}
		for _, m := range opts.Detect(b.String()) {
			k := sort.SearchInts(starts, m.Start+1) - 1
			if m.End <= starts[k]+len(refs[idx[k]].text) {
				continue // within one text: found there
			}
			for ; k < len(idx) && starts[k] < m.End; k++ {
				p := m
				p.Start = max(m.Start, starts[k]) - starts[k]
				p.End = min(m.End, starts[k]+len(refs[idx[k]].text)) - starts[k]
				if p.End > p.Start {
					out[idx[k]] = append(out[idx[k]], p)
				}
			}
		}
	}
	return out
}

// mergeMatches adds to ms, sorted and apart, the pieces that overlap
// none of them.
func mergeMatches(ms, pieces []redact.Match) []redact.Match {
	for _, p := range pieces {
		if !slices.ContainsFunc(ms, func(m redact.Match) bool { return m.Start < p.End && p.Start < m.End }) {
			ms = append(ms, p)
		}
	}
	if len(pieces) > 0 {
		slices.SortFunc(ms, func(a, b redact.Match) int { return a.Start - b.Start })
	}
	return ms
}

// found is the matches in one of a request's texts.
type found struct {
	i  int
	ms []redact.Match
}

// redactOptions are the detection options of a data policy (see
// DataOptions) with the gateway's secret rules.
func (g *Gateway) redactOptions(p redact.Policy, minConf float64) redact.Options {
	return DataOptions(p, minConf, g.Guard.Secrets)
}

// DataOptions are the detection options of a data policy: only the types
// it acts on, credentials (found by secrets) only when it names them.
// `ward guard check --config` uses them to apply a configured policy as
// the gateway does.
func DataOptions(p redact.Policy, minConf float64, secrets redact.Detector) redact.Options {
	o := redact.Options{Policy: p, MinConfidence: minConf, Types: []string{}} // not nil: nil means every type
	for t, act := range p {
		if act == redact.Allow {
			continue
		}
		o.Types = append(o.Types, t)
		if t == redact.TypeSecret {
			o.Extra = secrets
		}
	}
	if o.Extra != nil {
		o.Window = 2 * redact.Window // room for long tokens in streams
	}
	return o
}

func appendNew(s []string, v string) []string {
	if slices.Contains(s, v) {
		return s
	}
	return append(s, v)
}
