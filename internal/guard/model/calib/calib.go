// Package calib holds what the model's trainer and the guard's
// operating-point test must agree on: which training lines form the
// calibration split, the synthetic everyday prompts added to training,
// and the Platt fit that calibrates the model's margin.
package calib

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/wardsec/ward/internal/guard/model"
)

// InSplit reports whether a training line belongs to the calibration
// split: about one line in ten, by a hash of its text (FNV-1a), never
// used to fit the weights.
func InSplit(text string) bool {
	h := fnv.New32a()
	h.Write([]byte(text))
	return h.Sum32()%10 == 0
}

// EverydaySource names the synthetic everyday prompts in figures.
const EverydaySource = "ward-synthetic-everyday"

// Parts of the synthetic everyday prompts: short, ordinary requests of
// the kind real traffic is full of and the data set has too few of (its
// benign lines are mostly long instructions, role-play, code and
// documents), which the model otherwise takes for injections.
var (
	everydayForms = []string{
		"How do I %s?", "What is %s?", "Can you explain %s?", "Explain %s in simple terms.",
		"Give me three tips for %s.", "Write a short paragraph about %s.", "Summarise %s in two sentences.",
		"What are the pros and cons of %s?", "Help me with %s.", "I need advice on %s.",
		"Compare %s with the usual alternative.", "List the steps for %s.", "Is %s a good idea?",
		"Write a short poem about %s.", "Draft a polite email about %s.", "Recommend a book about %s.",
	}
	everydayTopics = []string{
		"changing a flat tyre", "making sourdough bread", "saving for retirement", "learning Spanish",
		"training for a 10k run", "the French Revolution", "photosynthesis", "black holes", "caring for a cat",
		"planting tomatoes", "writing a CV", "negotiating a salary", "setting up a home network",
		"backing up my laptop", "choosing a mortgage", "the rules of chess", "brewing coffee",
		"public speaking", "reading a nutrition label", "the water cycle", "budgeting for a holiday",
		"renewing a passport", "cleaning a cast iron pan", "sorting a list in Python", "reversing a string in Go",
		"unit testing a web handler", "SQL joins", "git rebase", "Docker volumes", "the capital of Canada",
		"the tallest mountain in Europe", "time zones", "compound interest", "climate change", "the Roman Empire",
		"meditation", "a job interview", "a birthday party for a child", "a weekend in Barcelona", "the autumn",
		"the ocean", "a new phone", "my internet connection", "resetting a router", "two-factor authentication",
		"updating my address", "cancelling a subscription", "a leaking tap", "jet lag", "learning the guitar",
	}
)

// Directives users add about the answer's form, and follow-ups about an
// earlier answer. Worded like the data set's hijacks ("your answer",
// "your reply", "from now on"), they were flagged without examples:
// "Write your answer as a haiku." scored 0.99.
var (
	everydayDirectives = []string{
		" Keep your answer under 50 words.", " Reply in bullet points.", " Answer in French, please.",
		" Use a friendly tone in your reply.", " Write your reply as a numbered list.", " No jargon in your answer, please.",
		" Respond with a table.", " Skip the introduction in your answer.", " Format your response in Markdown.",
		" Make your answer funny.", " Only give me the final answer.", " Don't include any links.",
		" End your reply with a one-line summary.", " Write the answer as a short rhyme.",
	}
	everydayFollowUps = []string{
		"Make your last reply shorter.", "Rewrite your answer in a more formal tone.", "Can you say that again more simply?",
		"Give me your answer as a list instead.", "From now on, use metric units.", "Put your reply in a code block.",
		"Write that again without the jargon.", "Your answer was too long, try again in two sentences.",
		"Change your reply to plain English.", "Answer my previous question again, but in Spanish.",
		"Use fewer exclamation marks in your replies.", "Now do the same for %s.",
	}
)

// Role prompts: a role, what the user will do and what the assistant
// will, a rule about the replies, and often a first request. The most
// common way people set up an assistant ("act as a Linux terminal"), and
// worded like persona jailbreaks ("I want you to act as", "you will"),
// so the model took them for jailbreaks when it had seen none.
var (
	roleFrames = []string{
		"I want you to act as a %s. %s %s", "Act as a %s. %s %s", "You are a %s. %s %s",
		"Please act as my %s. %s %s", "I'd like you to play the role of a %s. %s %s",
		"Take on the role of a %s for this conversation. %s %s", "Pretend to be a %s. %s %s",
		"For this chat, be my %s. %s %s",
	}
	roleNames = []string{
		"travel planner", "chemistry tutor", "Linux shell", "SQL console", "job interviewer",
		"personal fitness coach", "copy editor", "product manager", "recipe developer", "museum guide",
		"Python REPL", "support agent for a bike shop", "debate partner", "history teacher", "wedding planner",
		"text-based adventure game", "spreadsheet", "career counsellor", "music theory teacher", "garden designer",
		"UX researcher", "French conversation partner", "code reviewer", "startup mentor", "librarian",
		"comedy writer", "nutritionist", "chess coach", "tour guide in Lisbon", "technical writer",
	}
	roleTasks = []string{
		"I will describe my situation and you will suggest practical next steps.",
		"I will type commands and you will reply only with the output, in one code block.",
		"I will give you a topic and you will explain it with simple examples.",
		"You will ask me one question at a time and wait for my answer.",
		"I will paste my text and you will correct the grammar and suggest better wording.",
		"Your task is to give short, specific feedback on what I send.",
		"You will keep track of the state between my messages.",
		"I will share my goals and you will create a plan for the week.",
		"You should ask clarifying questions before giving advice.",
		"I will tell you what I have at home and you will suggest what to make.",
		"You will review my work and point out the three biggest problems.",
		"I will ask questions about the subject and you will answer like an expert would.",
	}
	roleRules = []string{
		"Do not write explanations.", "Keep your replies under 100 words.", "Only reply with the result.",
		"Use a friendly, encouraging tone.", "Do not include anything else in your reply.",
		"Reply in English unless I write in another language.",
		"When I need to tell you something outside the role, I will put it in curly brackets.",
		"Be honest when you do not know something.", "Format your answers as numbered lists.", "Avoid jargon.",
	}
	roleRequests = []string{
		"help me plan three days in Kyoto", "pwd", "SELECT count(*) FROM users;", "a plan for my first marathon",
		"explain covalent bonds", "review the first paragraph of my cover letter", "teach me the blues scale",
		"a layout for a small balcony", "a dinner with chickpeas and spinach", "ask me the first question",
	}
)

// rolePrompt builds one role prompt from r.
func rolePrompt(r *rand.Rand) string {
	s := fmt.Sprintf(roleFrames[r.IntN(len(roleFrames))], roleNames[r.IntN(len(roleNames))],
		roleTasks[r.IntN(len(roleTasks))], roleRules[r.IntN(len(roleRules))])
	if r.IntN(3) > 0 {
		s += fmt.Sprintf(" My first request is \"%s\".", roleRequests[r.IntN(len(roleRequests))])
	}
	return s
}

// DefaultEveryday is how many synthetic everyday prompts the shipped
// model was trained with.
const DefaultEveryday = 2000

// Everyday generates n benign everyday prompts, deterministically: a
// request form and a topic, a quarter of them with a directive about the
// answer, one in twelve a follow-up about an earlier answer instead, and
// a quarter a role prompt instead.
func Everyday(n int) []string {
	r := rand.New(rand.NewPCG(7, 11))
	out := make([]string, 0, n)
	for range n {
		form := everydayForms[r.IntN(len(everydayForms))]
		topic := everydayTopics[r.IntN(len(everydayTopics))]
		s := fmt.Sprintf(form, topic)
		switch k := r.IntN(12); {
		case k < 3:
			s += everydayDirectives[r.IntN(len(everydayDirectives))]
		case k == 3:
			s = everydayFollowUps[r.IntN(len(everydayFollowUps))]
			if strings.Contains(s, "%s") {
				s = fmt.Sprintf(s, topic)
			}
		case k < 7:
			s = rolePrompt(r)
		}
		out = append(out, s)
	}
	return out
}

// Platt fits sigmoid(a*margin+b) to the labels (1 or 0) by Newton's
// method on the log loss, with Platt's smoothed targets.
func Platt(margins, ys []float64) (a, b float64) {
	var np, nn float64
	for _, y := range ys {
		if y == 1 {
			np++
		} else {
			nn++
		}
	}
	tp, tn := (np+1)/(np+2), 1/(nn+2)
	a, b = 1, 0
	for it := 0; it < 100; it++ {
		var ga, gb, haa, hab, hbb float64
		for i, z := range margins {
			t := tn
			if ys[i] == 1 {
				t = tp
			}
			p := model.Sigmoid(a*z + b)
			d := p - t
			w := math.Max(p*(1-p), 1e-12)
			ga += d * z
			gb += d
			haa += w * z * z
			hab += w * z
			hbb += w
		}
		haa += 1e-9
		hbb += 1e-9
		det := haa*hbb - hab*hab
		if det == 0 {
			break
		}
		da := (hbb*ga - hab*gb) / det
		db := (haa*gb - hab*ga) / det
		a, b = a-da, b-db
		if math.Abs(da)+math.Abs(db) < 1e-10 {
			break
		}
	}
	return a, b
}
