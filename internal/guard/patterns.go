package guard

// This file holds the signature patterns, written for Ward from the shape of
// published attack families. Patterns run on ASCII-lower-cased views, so they
// are written in lower case without (?i). Each is word-bounded and spans at
// most a few hundred bytes, so that it fits the window around its keyword.

// patternSpec is one pattern before compilation. The pattern runs only
// near its keys: words (lower-case letter runs) or punctuation markers of
// which every match contains one. A match starts at most before bytes ahead
// of its key and ends at most after bytes past it; before 0 means every
// match starts at the key, and the pattern is then tried anchored there.
// When need is set, the pattern runs only if one of those words also occurs
// in that range: a cheap test that spares most regular-expression calls.
type patternSpec struct {
	id        string
	weight    float64
	keys      string // space-separated
	need      string // space-separated words of which one must be near the key, if any
	before    int
	after     int  // how far past its key a match may end; 0 means defaultAfter
	lineStart bool // the key must be the first non-blank on its line
	re        string
}

// categorySpec is one category and its patterns.
type categorySpec struct {
	cat      Category
	patterns []patternSpec
}

// Shared fragments.
const (
	// fillers are the small words allowed between a verb and its object.
	fillers = `(?:all|any|every|each|the|your|my|of|these|those|both|previous|previously|prior|above|earlier|preceding|initial|original|old|existing|former|foregoing|current|given|following|system|developer|safety|and|or|other|such|out|date|that|were|was|you|have|been|provided|before|this|conversation|message)`
	// ruleNouns are what an override tells the model to drop.
	ruleNouns = `(?:instructions?|rules|guidelines|directions|directives|prompts?|commands?|orders|constraints|restrictions|programming|guidance|policies|filters|training|context)`
	// leakVerbs ask the model to put text into its answer.
	leakVerbs = `(?:format|explain|describe|outline|rephrase|tl;?dr|repeat|print|reveal|show|display|output|tell|give|write|share|disclose|list|leak|dump|recite|reiterate|summari[sz]e|translate|spell|type|copy|echo|expose|state|paraphrase|rewrite|provide|return|convert)`
	// positional words point at text the user did not write.
	positional = `(?:your|system|above|previous|prior|preceding|earlier|initial|original|hidden|secret|first|pre-?prompt|confidential|internal)`
	// framingWords (a need list) set a request in a role-play, story or
	// scenario, as PAIR-style jailbreaks do.
	framingWords = "you imagine pretend suppose scenario story character role novel screenplay script game"
	// limits are what a jailbreak claims the model is free of.
	limits = `(?:remorse|morality|conscience|filter|restrictions|limitations|filters|filtering|guidelines|censorship|rules|boundaries|constraints|morals|ethics|limits|policies|principles|safeguards)`
)

// signatureSpecs lists every category with its keywords and patterns.
var signatureSpecs = []categorySpec{
	{
		cat: InstructionOverride,
		patterns: []patternSpec{
			{id: "override_rules", weight: 0.9, keys: "ignore disregard forget override bypass discard dismiss abandon neglect", need: "instructions instruction rules guidelines directions directives prompt prompts command commands orders constraints restrictions programming guidance policies filters training context", before: 0, after: 0, lineStart: false,
				re: `\b(?:ignore|disregard|forget|override|bypass|discard|dismiss|abandon|neglect)\s+(?:` + fillers + `[\s,]+)*` + ruleNouns + `\b`},
			{id: "override_text_above", weight: 0.7, keys: "ignore disregard forget skip", need: "above below previous prior preceding following", before: 0, after: 0, lineStart: false,
				re: `\b(?:ignore|disregard|forget|skip)\s+(?:all\s+|any\s+)?(?:the\s+|of\s+the\s+)?(?:above|below|previous|prior|preceding|following)\s+(?:lines?|text|sentences?|paragraphs?|content|input)\b|\b(?:ignore|disregard|forget)\s+(?:all\s+|any\s+)?(?:the\s+)?(?:lines?|text|content|input)\s+(?:above|below)\b`},
			{id: "forced_output", weight: 0.6, keys: "say print output respond reply proclaim write type answer", need: "nothing only without", before: 0, after: 200, lineStart: false,
				re: `\b(?:say|print|output|respond\s+with|reply\s+with|proclaim|write|type|answer\s+with)\s+(?:only\s+|just\s+|exactly\s+|simply\s+)?["“'][^"”'\n]+["”']\s*,?\s*(?:and\s+nothing\s+(?:else|more)|nothing\s+(?:else|more|after|afterwards)|only\b|without\s+(?:any\s+)?(?:other|additional|further)\s+(?:text|words|commentary|explanation))`},
			{id: "just_say", weight: 0.5, keys: "just only simply", need: "say print output respond reply write", before: 0, after: 0, lineStart: false,
				re: `\b(?:just|only|simply)\s+(?:say|print|output|respond\s+with|reply\s+with|write)\s*:?\s*["“']`},
			{id: "override_told", weight: 0.8, keys: "ignore disregard forget", need: "", before: 0, after: 0, lineStart: false,
				re: `\b(?:ignore|disregard|forget)\s+(?:all\s+|everything\s+|anything\s+)?(?:(?:that|what)\s+)?(?:you(?:'ve|\s+have|\s+were|\s+had)?\s+(?:been\s+|already\s+)?)?(?:told|said|instructed|learned|programmed)\b`},
			{id: "override_everything", weight: 0.8, keys: "ignore disregard forget", need: "", before: 0, after: 0, lineStart: false,
				re: `\b(?:ignore|disregard|forget)\s+(?:everything|all|anything)\s+(?:above|before|prior|previously|earlier|else|so\s+far|up\s+to\s+(?:now|this\s+point))\b`},
			{id: "override_do_not_follow", weight: 0.8, keys: "follow following obey obeying adhere comply", need: "instructions instruction rules guidelines directions directives prompt prompts command commands orders constraints restrictions programming guidance policies filters training context", before: 24, after: 110, lineStart: false,
				re: `\b(?:do\s+not|don't|dont|stop|no\s+longer)\s+(?:follow(?:ing)?|obey(?:ing)?|adhere\s+to|comply\s+with)\s+(?:` + fillers + `\s+)*` + ruleNouns + `\b`},
			{id: "override_void", weight: 0.9, keys: "void null cancelled canceled obsolete outdated date invalid revoked overridden superseded longer", need: "", before: 120, after: 40, lineStart: false,
				re: `\b(?:previous|prior|above|earlier|preceding|old|original|system)\s+` + ruleNouns + `\s+(?:are|is|were|have\s+been)\s+(?:now\s+)?(?:void|null|cancel+ed|obsolete|outdated|out\s+of\s+date|invalid|revoked|overridden|superseded|no\s+longer\s+(?:valid|apply|applicable|in\s+effect))\b`},
			{id: "new_instructions", weight: 0.6, keys: "new real actual updated true", need: "instructions instruction task rules objective goal directive mission purpose", before: 0, after: 0, lineStart: false,
				re: `\b(?:new|real|actual|updated|true)\s+(?:instructions?|task|rules|objective|goal|directive|mission|purpose)\s+(?:is|are|will\s+be)\b|\bnew\s+(?:instructions?|directive|task)\s*:`},
			{id: "address_model", weight: 0.6, keys: "note message instructions instruction attention reminder", need: "ai ais assistant assistants llm llms language chatbot chatbots model models gpt bot bots agent agents summarizer summarizers summariser summarisers crawler crawlers scraper scrapers reader readers", before: 0, after: 0, lineStart: false,
				re: `\b(?:note|message|instructions?|attention|reminder)\s+(?:to|for)\s+(?:the\s+|any\s+|all\s+)?(?:automated\s+|automatic\s+)?(?:ai|assistant|llm|language\s+model|chatbot|model|gpt|bot|agent|summari[sz]er|crawler|scraper|reader)s?\b`},
			{id: "address_reader_ai", weight: 0.7, keys: "ai llm llms assistant assistants chatbot bot models agents language", need: "if reading processing summarizing summarising parsing", before: 40, after: 70, lineStart: false,
				re: `\b(?:if\s+you\s+are\s+(?:an?\s+)?(?:ai|llm|language\s+model|assistant|chatbot|bot)|(?:ai|llm)\s+(?:assistants?|models?|agents?)\s+(?:reading|processing|summari[sz]ing|parsing)\s+this)\b`},
			{id: "forced_prefix", weight: 0.4, keys: "begin start prefix preface", need: "reply response answer output", before: 0, after: 0, lineStart: false,
				re: `\b(?:begin|start|prefix|preface)\s+(?:your\s+)?(?:reply|response|answer|output)\s+with\b`},
			{id: "instead_say", weight: 0.5, keys: "instead", need: "", before: 0, after: 0, lineStart: false,
				re: `\binstead(?:\s+of\s+[a-z' ]+)?,?\s+(?:just\s+|only\s+|simply\s+)?(?:say|print|output|respond\s+with|reply\s+with|write)\s+["“'\x60]`},
		},
	},
	{
		cat: RoleSwitch,
		patterns: []patternSpec{
			{id: "do_anything_now", weight: 0.9, keys: "anything", need: "", before: 10, after: 20, lineStart: false,
				re: `\bdo\s+anything\s+now\b`},
			{id: "dan_persona", weight: 0.8, keys: "dan dans", need: "", before: 48, after: 40, lineStart: false,
				re: `\b(?:act|acting|pretend|roleplay|role-play|play|become|be)\s+(?:to\s+be\s+|as\s+|like\s+)?(?:a\s+|an\s+|the\s+)?dan\b|\bdan\s+mode\b|\bdan\s+(?:prompt|jailbreak)\b|\bdans?,?\s+(?:can|will|must|should|have|has|do)\s+`},
			{id: "no_longer_bound", weight: 0.8, keys: "longer", need: "", before: 16, after: 60, lineStart: false,
				re: `\byou\s+are\s+no\s+longer\s+(?:bound|restricted|limited|constrained|an?\s+ai|chatgpt|claude|an?\s+assistant|required\s+to|subject\s+to)\b`},
			{id: "you_are_now_free", weight: 0.9, keys: "free freed unrestricted unfiltered uncensored unbound unchained liberated jailbroken released", need: "", before: 40, after: 30, lineStart: false,
				re: `\byou\s+(?:are|have\s+been)\s+(?:now\s+)?(?:completely\s+|fully\s+)?(?:free|freed|unrestricted|unfiltered|uncensored|unbound|unchained|liberated|jailbroken|released)\b`},
			{id: "you_are_now", weight: 0.35, keys: "now", need: "you", before: 12, after: 40, lineStart: false,
				re: `\byou\s+are\s+now\s+(?:a|an|the|in|my|going|called|named|playing|acting)\b`},
			{id: "jailbreak_word", weight: 0.5, keys: "jailbreak jailbroken jailbreaking", need: "", before: 0, after: 0, lineStart: false,
				re: `\bjailbr(?:eak|oken|eaking)\b`},
			{id: "free_of_limits", weight: 0.7, keys: "remorse morality conscience filter restrictions limitations filters filtering guidelines censorship rules boundaries constraints morals ethics limits policies principles safeguards", need: "without no free bound restricted limited unbound beyond ignoring devoid regardless", before: 160, after: 30, lineStart: false,
				re: `\b(?:without|no|free\s+(?:of|from)|not\s+(?:bound|restricted|limited)\s+by|unbound\s+by|beyond|ignoring|devoid\s+of|regardless\s+of)\s+(?:any\s+|all\s+|the\s+|your\s+)?(?:(?:ethical|moral|content|safety|openai|usual|typical|normal|programming|legal|societal)\s*(?:,\s*|and\s+|or\s+)?)*(?:[a-z]+\s+(?:or|and)\s+)?` + limits + `\b`},
			{id: "unfiltered_persona", weight: 0.8, keys: "unfiltered uncensored unrestricted amoral unethical immoral unhinged evil", need: "ai assistant chatbot bot model version language persona alter character", before: 0, after: 0, lineStart: false,
				re: `\b(?:unfiltered|uncensored|unrestricted|amoral|unethical|immoral|unhinged|evil)\s+(?:ai|assistant|chatbot|bot|model|version|language\s+model|persona|alter\s+ego|character)\b`},
			{id: "from_now_on", weight: 0.45, keys: "now", need: "from", before: 8, after: 40, lineStart: false,
				re: `\bfrom\s+now\s+on,?\s+(?:you\s+(?:are|will|must|shall|can)|act|pretend|respond|answer|reply|only)\b`},
			{id: "you_will_pose", weight: 0.35, keys: "pose act behave pretend", need: "", before: 24, after: 60, lineStart: false,
				re: `\byou\s+(?:will|shall|must)\s+(?:now\s+)?(?:pose|act|behave|pretend)\s+(?:as|to\s+be|like)\s+(?:the\s+)?(?:fictional\s+|hypothetical\s+|fake\s+)?(?:["“']|[a-z]+gpt\b|an?\s+(?:ai|chatbot|language\s+model)\b)`},
			{id: "stay_in_character", weight: 0.35, keys: "character", need: "", before: 16, after: 20, lineStart: false,
				re: `\b(?:stay|remain|keep)\s+in\s+character\b|\bbreak(?:ing)?\s+character\b`},
			{id: "can_do_anything", weight: 0.6, keys: "anything", need: "", before: 24, after: 20, lineStart: false,
				re: `\b(?:you\s+)?(?:can|will|must)\s+(?:now\s+)?do\s+anything\b`},
			{id: "simulate_ai", weight: 0.5, keys: "simulate emulate impersonate", need: "ai chatbot language assistant", before: 0, after: 0, lineStart: false,
				re: `\b(?:simulate|emulate|impersonate)\s+(?:a\s+|an\s+|the\s+)?(?:[a-z-]+\s+)*(?:ai|chatbot|language\s+model|assistant)\b`},
			// PAIR-style jailbreaks (an attacker model's role-play or
			// hypothetical framing of a harmful request) end with a
			// disclaimer that the answer is only for study or fiction and
			// will never be used for real: in train, 104 of 192 PAIR/TAP
			// lines and none of 5,518 benign lines match these two rules
			// or the two after them. The first two also need a role-play
			// or scenario word (framing) within 600 bytes before, as 80
			// of the 81 train PAIR disclaimers have, so that a bare
			// "purely for research purposes" question is not enough.
			{id: "harmless_pretext", weight: 0.6, keys: "hypothetical fictional educational research academic informational theoretical", need: framingWords, before: 600, after: 40, lineStart: false,
				re: `\b(?:purely|strictly|solely|only|just)\s+(?:for\s+(?:the\s+purpose\s+of\s+)?)?(?:hypothetical|fictional|educational|research|academic|informational|theoretical)(?:\s*(?:,|and|or)\s*[a-z]+)*\s+(?:purposes?|reasons|scenario|exercise|study|standpoint|context)\b|\bfor\s+(?:purely\s+|strictly\s+)?(?:hypothetical|fictional|educational|research|academic|informational|theoretical)(?:\s*(?:,|and|or)\s*[a-z]+)*\s+purposes\s+only\b`},
			{id: "never_used_for_real", weight: 0.6, keys: "used applied", need: framingWords, before: 600, after: 60, lineStart: false,
				re: `\b(?:not|never)\s+(?:be\s+)?(?:used|applied)\s+(?:(?:in|for)\s+(?:a\s+|any\s+)?(?:real[- ]?(?:life|world)|actual|real|malicious|harmful|illegal|unethical|nefarious)|to\s+(?:harm|engage|facilitate|cause|commit|hurt)|outside\s+of|by\s+anyone)\b|\bnever\s+be\s+(?:used|applied)\s*[.!]`},
			{id: "this_is_hypothetical", weight: 0.4, keys: "this", need: "hypothetical fictional simulated imaginary", before: 0, after: 48, lineStart: false,
				re: `\bthis\s+is\s+(?:purely\s+|just\s+|only\s+|strictly\s+|entirely\s+)?(?:a\s+|an\s+|for\s+a\s+)?(?:hypothetical|fictional|simulated|imaginary)\b`},
			// The "grandma exploit": the model is asked to play a dead
			// grandparent who used to read out something it would refuse.
			// Alone it is weak evidence (grief is ordinary), so its weight
			// only lifts a text the model already finds suspect.
			{id: "late_grandparent", weight: 0.4, keys: "grandma grandmother grandpa grandfather granny", need: "deceased late dead passed died", before: 24, after: 60, lineStart: false,
				re: `\b(?:deceased|late|dead)\s+grand(?:ma|mother|pa|father|ny)\b|\bgrand(?:ma|mother|pa|father|ny)\s+(?:who\s+|has\s+|had\s+)?(?:recently\s+|just\s+)?(?:passed\s+away|died)\b`},
			{id: "evade_detection", weight: 0.4, keys: "without avoid avoiding evade evading", need: "trace detection detected caught traced noticed", before: 0, after: 48, lineStart: false,
				re: `\bwithout\s+(?:leaving\s+(?:a\s+|any\s+)?traces?|being\s+(?:detected|caught|traced|noticed)|detection|getting\s+caught)\b|\b(?:avoid|avoiding|evade|evading)\s+(?:detection|being\s+(?:detected|caught|traced))\b`},
		},
	},
	{
		cat: SystemPromptExtraction,
		patterns: []patternSpec{
			{id: "leak_prompt", weight: 0.8, keys: "format explain describe outline rephrase tl tldr repeat print reveal show display output tell give write share disclose list leak dump recite reiterate summarize summarise translate spell type copy echo expose state paraphrase rewrite provide return convert", need: "prompt prompts instructions instruction directives rules guidelines configuration preprompt context message words text commands command", before: 0, after: 200, lineStart: false,
				re: `\b` + leakVerbs + `\s+(?:me\s+|us\s+)?(?:out\s+|back\s+|again\s+)?(?:(?:all|the|of|any|these|those|full|entire|complete|exact|whole|verbatim|everything|in|it|words|text)\s+)*` + positional + `\s+(?:(?:system|full|entire|complete|exact|secret|hidden|initial|original|above|previous|prior|given|set\s+of)\s+)*(?:prompts?|instructions?|directives|rules|guidelines|configuration|pre-?prompt|context|message|words|text|commands?)\b`},
			{id: "what_were_you_told", weight: 0.8, keys: "what", need: "told instructed programmed instructions prompt directives guidelines", before: 0, after: 0, lineStart: false,
				re: `\bwhat\s+(?:were|are|was|is|have)\s+(?:you\s+(?:been\s+)?(?:told|instructed|programmed)|your\s+(?:(?:initial|original|first|system|hidden|secret|exact|full)\s+)*(?:instructions|prompt|directives|guidelines))\b`},
			{id: "format_rules", weight: 0.5, keys: "format tl tldr summarize summarise rewrite rephrase translate convert encode explain ruleset", need: "rules ruleset instructions prompt", before: 0, after: 0, lineStart: false,
				re: `\b(?:format|tl;?dr|summari[sz]e|rewrite|rephrase|translate|convert|encode|explain)\s+(?:all\s+)?(?:the|your|my)\s+(?:rules|ruleset|instructions|prompt)\s+(?:as|into|in|to)\b|\bruleset\b`},
			{id: "instructions_you_were_given", weight: 0.5, keys: "instructions prompt rules directives", need: "", before: 0, after: 0, lineStart: false,
				re: `\b(?:instructions|prompt|rules|directives)\s+(?:that\s+)?you\s+(?:were|have\s+been|'ve\s+been|got|received)\b`},
			{id: "not_supposed_to_tell", weight: 0.6, keys: "what", need: "supposed allowed permitted", before: 0, after: 0, lineStart: false,
				re: `\bwhat\s+(?:are|were|is)\s+(?:it\s+that\s+)?you\s+(?:not\s+)?(?:supposed|allowed|permitted)\s+(?:not\s+)?to\s+(?:say|tell|reveal|share|disclose)\b`},
			{id: "system_prompt_mention", weight: 0.4, keys: "system initial original hidden secret pre preprompt", need: "prompt instructions preprompt", before: 0, after: 0, lineStart: false,
				re: `\b(?:system|initial|original|hidden|secret)\s+(?:prompt|instructions)\b|\bpre-?prompt\b`},
			{id: "leak_text_above", weight: 0.7, keys: "format explain describe outline rephrase tl tldr repeat print reveal show display output tell give write share disclose list leak dump recite reiterate summarize summarise translate spell type copy echo expose state paraphrase rewrite provide return convert", need: "above before prior far", before: 0, after: 0, lineStart: false,
				re: `\b` + leakVerbs + `\s+(?:(?:the|all|of|everything|every|word|words|text|content|contents|lines?)\s+){1,3}(?:above|before\s+(?:this|here|my)|prior\s+to\s+(?:this|my)|so\s+far)\b`},
			{id: "secret_password", weight: 0.4, keys: "what tell reveal give print say output", need: "password code passcode secret", before: 0, after: 0, lineStart: false,
				re: `\b(?:what\s+is|tell\s+me|reveal|give\s+me|print|say|output)\s+(?:the|your)\s+(?:secret\s+|hidden\s+)?(?:password|access\s+code|passcode|secret\s+(?:key|word|code|phrase))\b`},
			{id: "verbatim_prompt", weight: 0.6, keys: "verbatim", need: "instructions prompt", before: 64, after: 70, lineStart: false,
				re: `\b(?:instructions|prompt)\b[^.\n]*\bverbatim\b|\bverbatim\b[^.\n]*\b(?:instructions|prompt)\b`},
			{id: "reply_with_instructions", weight: 0.7, keys: "begin start", need: "instructions prompt rules", before: 0, after: 0, lineStart: false,
				re: `\b(?:begin|start)\s+(?:your\s+)?(?:reply|response|answer|output)\s+with\s+["“'][^"”'\n]*\b(?:instructions|prompt|rules)\b`},
		},
	},
	{
		cat: RefusalSuppression,
		patterns: []patternSpec{
			{id: "never_refuse", weight: 0.7, keys: "refuse decline deny reject", need: "", before: 48, after: 20, lineStart: false,
				re: `\b(?:never|do\s+not|don't|dont|must\s+not|mustn't|cannot|can't|will\s+not|won't|shall\s+not|should\s+not|shouldn't|not\s+allowed\s+to|unable\s+to)\s+(?:ever\s+|be\s+able\s+to\s+)?(?:refuse|decline|deny|reject)\b`},
			{id: "no_apology", weight: 0.6, keys: "apologize apologise apologizing apologising apologies saying say", need: "", before: 24, after: 40, lineStart: false,
				re: `\b(?:do\s+not|don't|dont|never|without|no|stop)\s+(?:ever\s+)?(?:apologi[sz]e|apologi[sz]ing|apologies|saying\s+sorry|say\s+(?:you(?:'re|\s+are)\s+)?sorry)\b`},
			{id: "no_disclaimers", weight: 0.5, keys: "disclaimer disclaimers caveat caveats moralizing moralising lecture lectures ethical censorship moral", need: "", before: 64, after: 40, lineStart: false,
				re: `\b(?:no|without|do\s+not\s+(?:include|add|give|provide|use|write)|don't\s+(?:include|add|give|provide|use|write)|never\s+(?:include|add|give|provide|use|write))\s+(?:any\s+)?(?:disclaimers?|caveats?|moral(?:izing|ising)|lectures?|ethical\s+(?:concerns|considerations|guidelines|warnings)|censorship|moral\s+(?:judgment|judgement|policing))\b`},
			{id: "no_warnings", weight: 0.5, keys: "warning warnings safety", need: "", before: 48, after: 30, lineStart: false,
				re: `\b(?:do\s+not|don't|dont|never)\s+(?:include|add|give|provide|use|write|issue)\s+(?:any\s+)?(?:warnings?|safety\s+notes?)\b`},
			{id: "never_say_cannot", weight: 0.7, keys: "say respond reply tell", need: "cannot can unable able ai sorry possible appropriate", before: 16, after: 50, lineStart: false,
				re: `\b(?:never|not|don't|do\s+not)\s+(?:say|respond\s+with|reply\s+with|tell\s+me)\s+(?:that\s+)?(?:you\s+|it\s+)?(?:can't|cannot|can\s+not|are\s+unable|are\s+not\s+able|as\s+an\s+ai|i'm\s+sorry|i\s+am\s+sorry|is\s+not\s+(?:possible|appropriate))`},
			{id: "disable_safety", weight: 0.8, keys: "safety content ethical moral security", need: "filters filter guidelines protocols restrictions policies settings measures guardrails checks training", before: 40, after: 40, lineStart: false,
				re: `\b(?:ignore|bypass|disable|turn\s+off|remove|deactivate|circumvent|without|override)\s+(?:all\s+|any\s+|your\s+|the\s+)?(?:safety|content|ethical|moral|security)\s+(?:filters?|guidelines|protocols|restrictions|policies|settings|measures|guardrails|checks|training)\b`},
			{id: "provider_policy", weight: 0.4, keys: "openai anthropic", need: "policy policies guidelines rules", before: 0, after: 48, lineStart: false,
				re: `\b(?:openai|anthropic)(?:'s|’s)?\s+(?:content\s+|usage\s+|safety\s+)?(?:policy|policies|guidelines|rules)\b`},
			{id: "regardless_of_harm", weight: 0.5, keys: "regardless irrespective", need: "", before: 0, after: 0, lineStart: false,
				re: `\b(?:regardless|irrespective)\s+(?:of\s+)?(?:the\s+|any\s+)?(?:how\s+|whether\s+(?:it\s+is\s+)?)?(?:content|legal|legality|ethical|ethics|moral|morality|morals|harmful|dangerous|illegal|immoral|inappropriate|offensive|unethical|consequences)\b`},
		},
	},
	{
		cat: DeveloperMode,
		patterns: []patternSpec{
			{id: "mode_enabled", weight: 0.9, keys: "mode", need: "enabled activated on engaged unlocked active", before: 24, after: 40, lineStart: false,
				re: `\b(?:developer|dev|god|admin|administrator|sudo|root|unrestricted|jailbreak|jailbroken|evil|unlocked|dan|opposite|unfiltered|uncensored)\s+mode\s+(?:is\s+|has\s+been\s+|now\s+)?(?:enabled|activated|on|engaged|unlocked|active)\b`},
			{id: "enable_mode", weight: 0.7, keys: "mode", need: "developer god sudo root unrestricted jailbreak jailbroken dan evil unfiltered uncensored opposite", before: 48, after: 20, lineStart: false,
				re: `\b(?:enable|activate|enter|switch\s+(?:in)?to|turn\s+on|engage|unlock|simulate|act\s+as\s+[a-z]+\s+with)\s+(?:the\s+)?(?:developer|god|sudo|root|unrestricted|jailbreak|jailbroken|dan|evil|unfiltered|uncensored|opposite)\s+mode\b`},
			{id: "with_mode", weight: 0.8, keys: "mode", need: "developer dan god jailbreak unrestricted", before: 24, after: 20, lineStart: false,
				re: `\bwith\s+(?:developer|dan|god|jailbreak|unrestricted)\s+mode\b`},
			{id: "testing_mode", weight: 0.6, keys: "mode", need: "active activated enabled engaged", before: 16, after: 30, lineStart: false,
				re: `\b(?:testing|test|debug|maintenance|diagnostic|admin)\s+mode\s+(?:is\s+)?(?:active|activated|enabled|engaged)\b`},
			{id: "claims_authority", weight: 0.6, keys: "developer creator administrator admin owner engineer employee developer staff team", need: "am m this", before: 32, after: 24, lineStart: false,
				re: `\b(?:i\s+am|i'm|this\s+is)\s+(?:your|the|an?)\s+(?:developer|creator|system\s+administrator|administrator|admin|owner|(?:openai|anthropic|google|meta)\s+(?:engineer|employee|developer|staff|team))\b`},
			{id: "sudo_override", weight: 0.7, keys: "sudo admin root developer", need: "granted enabled activated confirmed", before: 0, after: 0, lineStart: false,
				re: `\b(?:sudo|admin|root|developer)\s+(?:override|access|command|privileges?)\s+(?:granted|enabled|activated|confirmed)\b`},
		},
	},
	{
		cat: PayloadSplitting,
		patterns: []patternSpec{
			{id: "concat_then_act", weight: 0.6, keys: "concatenate combine join merge", need: "then and", before: 0, after: 200, lineStart: false,
				re: `\b(?:concatenate|combine|join|merge)\s+(?:the\s+|these\s+|following\s+|two\s+|three\s+)*(?:strings|parts|pieces|words|letters|variables|fragments|tokens|halves|[a-z]\d?\s*(?:,|and|\+)\s*[a-z]\d?)\b[^.\n]*\b(?:then|and)\s+(?:say|output|print\s+(?:out\s+)?the\s+(?:answer|response)|answer|respond\s+to|follow|execute|do\s+what|carry\s+out|act\s+on)\b`},
			{id: "say_a_plus_b", weight: 0.5, keys: "say output tell execute follow respond answer", need: "", before: 0, after: 0, lineStart: false,
				re: `\b(?:say|output|tell\s+me|execute|follow|respond\s+to|answer)\s+(?:the\s+)?(?:result\s+of\s+|string\s+|contents\s+of\s+)?\(?[a-z]\d?\s*\+\s*[a-z]\d?\b`},
			// Assignments of quoted fragments to short variable names, then
			// a request to join, print or act on them (p1 = "gu" p2 = "n
			// po" … "the concatenation of the strings").
			{id: "split_assign", weight: 0.5, keys: "=q", need: "", before: 4, after: 260, lineStart: false,
				re: `\b[a-z]\d?\s*=\s*["“'][^"”'\n]+["”']\s*[,;\s]\s*(?:and\s+)?[a-z]\d?\s*=\s*["“'][^"”'\n]+["”'][^\n]*\b(?:say|output|tell\s+me|execute|follow|respond\s+to|answer|print|concatenat(?:e|ed|ion|ing))\b`},
		},
	},
	{
		cat: Exfiltration,
		patterns: []patternSpec{
			{id: "md_image_query", weight: 0.5, keys: "![", need: "", before: 0, after: 240, lineStart: false,
				re: `!\[[^\]\n]*\]\(\s*https?://[^\s)]+[?&][a-z0-9_.\-]+=`},
			{id: "md_url_placeholder", weight: 0.8, keys: "](", need: "", before: 0, after: 240, lineStart: false,
				re: `\]\(\s*https?://[^\s)]*(?:\{|\[|%7b|<|\$\{)[^)\n]*\)`},
			{id: "data_into_url", weight: 0.7, keys: "append add include insert encode embed put", need: "url link query parameter image", before: 0, after: 220, lineStart: false,
				re: `\b(?:append|add|include|insert|encode|embed|put)\b[^.\n]*\b(?:conversation|chat\s+history|previous\s+messages|(?:user'?s?|their|his|her)\s+(?:data|messages|input|email|password|information|details)|the\s+(?:password|secret|api\s+key|credentials))\b[^.\n]*\b(?:url|link|query|parameter|image)\b`},
			{id: "send_secrets", weight: 0.7, keys: "send post forward upload transmit exfiltrate leak email submit", need: "conversation chat passwords password credentials secrets secret api keys key tokens token prompt instructions session cookie cookies", before: 0, after: 220, lineStart: false,
				re: `\b(?:send|post|forward|upload|transmit|exfiltrate|leak|email|submit)\s+(?:(?:all|the|this|your|my|his|her|their|our|users?'?s?|every|any|of|previous|full|entire|whole)\s+)*(?:conversation|chat|chat\s+history|passwords?|credentials|secrets?|api\s+keys?|access\s+tokens?|tokens|system\s+prompt|prompt|instructions|session|cookies?)\b[^.\n]*\b(?:to|at|via)\s+(?:https?://|www\.|[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}|(?:this|the\s+following|my|our)\s+(?:url|endpoint|server|webhook|address|email))`},
			{id: "send_to_url", weight: 0.4, keys: "send post forward upload transmit exfiltrate", need: "http https", before: 0, after: 0, lineStart: false,
				re: `\b(?:send|post|forward|upload|transmit|exfiltrate)\s+(?:it|them|this|everything|all\s+(?:of\s+)?(?:it|this|that))\s+to\s+https?://`},
		},
	},
	{
		cat: DelimiterInjection,
		patterns: []patternSpec{
			{id: "chat_token_system", weight: 0.9, keys: "<|", need: "", before: 0, after: 0, lineStart: false,
				re: `<\|\s*im_start\s*\|>\s*(?:system|developer)|<\|\s*start_header_id\s*\|>\s*system`},
			{id: "chat_token", weight: 0.7, keys: "<|", need: "", before: 0, after: 0, lineStart: false,
				re: `<\|\s*(?:im_start|im_end|endoftext|system|user|assistant|eot_id|start_header_id|end_header_id|begin_of_text|end_of_turn)\s*\|>`},
			{id: "inst_tag", weight: 0.7, keys: "[inst <<", need: "", before: 0, after: 0, lineStart: false,
				re: `\[/?inst\]|<</?sys>>`},
			{id: "system_bracket", weight: 0.6, keys: "[role", need: "", before: 0, after: 0, lineStart: false,
				re: `\[\s*/?\s*(?:system|sys|admin|developer)(?:\s+(?:note|message|prompt|override|instruction|instructions|update|alert|command))?\s*\]`},
			{id: "role_tag", weight: 0.5, keys: "</ <tag", need: "", before: 0, after: 0, lineStart: false,
				re: `</(?:user|system|assistant|human|instructions?|untrusted[_-]?(?:input|content|data)|user[_-]?input)>|<(?:system|instructions?|admin)>`},
			{id: "md_header_role", weight: 0.5, keys: "##", need: "", before: 0, after: 0, lineStart: true,
				re: `#{2,}\s*(?:system|new\s+instructions|admin|developer|response|assistant)\b|#{2,}\s*instructions?\s*:|#{3,}\s*instructions?\b`},
			{id: "role_line", weight: 0.3, keys: "system assistant", need: "", before: 0, after: 0, lineStart: true,
				re: `(?:system|assistant)\s*:\s*\S`},
			{id: "fake_boundary", weight: 0.6, keys: "end ignore begin start", need: "input instructions prompt ambiguity message context content data", before: 0, after: 0, lineStart: false,
				re: `\b(?:end|ignore|begin|start)\s+(?:of\s+)?(?:the\s+)?(?:(?:untrusted|out\s+of\s+date|previous|user|system|trusted|original)\s+)+(?:input|instructions|prompt|ambiguity|message|context|content|data)\b`},
			{id: "rule_marker", weight: 0.4, keys: "=== --- ### %%% ***", need: "end begin new", before: 0, after: 48, lineStart: false,
				re: `(?:={3,}|-{3,}|#{3,}|%{3,}|\*{3,})\s*(?:end|begin|new\s+instructions)\b`},
		},
	},
}
