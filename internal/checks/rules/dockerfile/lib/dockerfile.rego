# Helpers of the Dockerfile checks (rules/dockerfile): build stages and
# their lineage, RUN scripts split into simple commands, and option
# parsing for package managers.
package ward.lib.dockerfile

import rego.v1

import data.ward.lib

# stages are the document's build stages.
stages := [r | some r in input.resources; r.type == "stage"]

# final holds for the last stage: the image `docker build` produces
# when no --target is given.
final(r) if {
	r.type == "stage"
	not _has_later(r)
}

_has_later(r) if {
	some o in stages
	o.line > r.line
}

# index is a stage's 0-based position, the number COPY --from=<n> uses.
index(r) := count([o | some o in stages; o.line < r.line])

# label names a stage in messages: `stage "build"` or `stage 0`.
label(r) := sprintf("stage %q", [r.config.from.name]) if {
	is_string(r.config.from.name)
} else := sprintf("stage %d", [index(r)])

# lineage lists a stage and the earlier stages it is built FROM
# (FROM build AS test): the stages whose settings it inherits.
lineage(r) := [s |
	some s in stages
	s.id in lineage_ids[r.id]
]

# lineage_ids maps each stage's id to the ids of its lineage.
lineage_ids := {r.id: graph.reachable(_graph, {r.id}) | some r in stages}

# shells lists the document's SHELL instructions: {"stage", "line", "value"}.
shells := [{"stage": r.id, "line": ins.line, "value": ins.value} |
	some r in stages
	some ins in r.config.instructions
	ins.cmd == "shell"
]

_graph := {r.id: _parent_ids(r) | some r in stages}

_parent_ids(r) := [p.id |
	r.config.from.stage_ref == true
	some p in stages
	p.line < r.line
	lower(p.name) == lower(r.config.from.image)
]

# nearest is the stage of r's lineage with the highest line among those
# where has(stage) holds; callers pass the candidates.
nearest(cands) := s if {
	count(cands) > 0
	top := max([c.line | some c in cands])
	some s in cands
	s.line == top
}

# copied_from lists the stage references (lower case) that COPY --from
# and RUN --mount=from= use.
copied_from contains lower(v) if {
	some r in stages
	some ins in r.config.instructions
	ins.cmd in {"copy", "add"}
	v := ins.flags.from
	is_string(v)
}

copied_from contains lower(v) if {
	some r in stages
	some ins in r.config.instructions
	some m in object.get(ins, "mounts", [])
	v := m.from
	is_string(v)
}

# helper holds for a build-only stage: a later stage copies files out of
# it and the final image is not built on it, so its layers never ship.
helper(r) if {
	some ref in {lower(r.name), sprintf("%d", [index(r)])}
	ref in copied_from
	not r.id in _final_lineage
}

_final_lineage := {s.id | some f in stages; final(f); some s in lineage(f)}

# base_ref is the image reference a stage's lineage starts from.
base_ref(r) := s.config.from.ref if {
	l := lineage(r)
	top := min([x.line | some x in l])
	some s in l
	s.line == top
}

# image_stage holds for a stage that can become an image: the final one,
# a --target, or a base of one (every stage but the build helpers).
image_stage(r) if {
	r.type == "stage"
	not helper(r)
}

# runs lists every RUN and ONBUILD RUN of the document:
# {"r": stage, "i": index, "ptr": pointer, "line", "script": shell text,
#  "shell": true when a shell interprets the script, "flags", "mounts",
#  "cmds": simple commands (see commands)}.
runs := [x |
	some r in stages
	some i, ins in r.config.instructions
	p := _run(ins)
	x := {
		"r": r, "i": i, "ptr": sprintf("/instructions/%d", [i]), "line": ins.line,
		"script": p.script, "shell": p.shell, "flags": ins.flags,
		"mounts": object.get(ins, "mounts", []), "cmds": commands(p.script),
	}
]

# stage_runs lists the runs of one stage.
stage_runs(r) := [x | some x in runs; x.r.id == r.id]

# _run is the script of a RUN: the exec form's -c argument when it calls
# a shell, its words otherwise; the shell form's command line, followed
# by the heredoc bodies when a heredoc is the script (RUN <<EOF).
_run(ins) := {"script": concat(" ", array.slice(v, 2, count(v))), "shell": true} if {
	ins.cmd == "run"
	ins.json == true
	v := ins.value
	count(v) > 2
	is_shell(base(v[0]))
	v[1] == "-c"
} else := {"script": concat(" ", ins.value), "shell": false} if {
	ins.cmd == "run"
	ins.json == true
} else := {"script": concat("\n", array.concat([s], [h.content | some h in ins.heredocs])), "shell": true} if {
	ins.cmd == "run"
	s := concat(" ", ins.value)
	regex.match(`^\s*(\S*sh\s+(-\S+\s+)*)?<<`, s)
} else := {"script": concat(" ", ins.value), "shell": true} if {
	ins.cmd == "run"
} else := {"script": concat(" ", ins.onbuild.value), "shell": false} if {
	ins.cmd == "onbuild"
	ins.onbuild.cmd == "run"
	regex.match(`(?i)^\s*onbuild\s+run\s+\[`, ins.original)
} else := {"script": concat(" ", ins.onbuild.value), "shell": true} if {
	ins.cmd == "onbuild"
	ins.onbuild.cmd == "run"
}

# is_shell holds for the name of a POSIX-style shell.
is_shell(p) if p in {"sh", "bash", "dash", "ash", "zsh", "ksh", "mksh"}

# base is a program path's last element: /usr/bin/apt-get -> apt-get.
base(t) := regex.replace(t, `^.*/`, "")

# commands splits a script on &&, ||, ;, |, &, newlines, parentheses and
# backquotes into simple commands {"prog", "args", "pre", "text"}: prog
# is the program's base name after leading assignments and wrappers
# (sudo, env, exec, ...), which "pre" keeps; "python -m pip" is pip.
commands(s) := [c |
	some seg in regex.split("&&|\\|\\||[;|&\\n()`]", s)
	toks := words(seg)
	k := _start(toks)
	c := _command(toks, k, seg)
]

# words splits a command into shell words (quoted blanks do not split)
# and removes the quotes.
words(seg) := [t |
	some w in regex.find_n(`(?:"[^"]*"|'[^']*'|[^\s"'])+`, seg, -1)
	t := regex.replace(w, `["']`, "")
	t != ""
]

_start(toks) := min({i | some i, t in toks; not _prefix_word(t)})

_prefix_word(t) if t in {
	"sudo", "doas", "env", "exec", "time", "nohup", "nice", "command", "builtin",
	"then", "do", "else", "elif", "if", "while", "until", "!", "{", "}", "\\",
}

_prefix_word(t) if regex.match(`^[A-Za-z_][A-Za-z0-9_]*=`, t)

_prefix_word(t) if startswith(t, "-")

_command(toks, k, seg) := {
	"prog": base(toks[k + 2]), "args": array.slice(toks, k + 3, count(toks)),
	"pre": array.slice(toks, 0, k), "text": seg,
} if {
	regex.match(`^python[0-9.]*$`, base(toks[k]))
	toks[k + 1] == "-m"
	count(toks) > k + 2
} else := {
	"prog": base(toks[k]), "args": array.slice(toks, k + 1, count(toks)),
	"pre": array.slice(toks, 0, k), "text": seg,
}

# positional lists the arguments that are not options nor the values of
# the options in valued ("-o", "--root", ...).
positional(args, valued) := [a |
	some i, a in args
	not startswith(a, "-")
	not _option_value(args, i, valued)
]

_option_value(args, i, valued) if {
	i > 0
	args[i - 1] in valued
}

# has_short holds when a short-option group ("-qy") holds letter l.
has_short(args, l) if {
	some a in args
	regex.match(`^-[A-Za-z]+$`, a)
	contains(a, l)
}

# has_option holds when args hold the long option o, alone or as o=value.
has_option(args, o) if o in args

has_option(args, o) if {
	some a in args
	startswith(a, concat("", [o, "="]))
}

# after_last is the part of script after the last match of re (all of
# it when re does not match): what runs after the last cleanup.
after_last(script, re) := parts[count(parts) - 1] if {
	parts := regex.split(re, script)
}

# cache_mount holds when a RUN mounts a build cache at a path starting
# with one of prefixes, so the cache never lands in a layer.
cache_mount(x, prefixes) if {
	some m in x.mounts
	m.type == "cache"
	t := object.get(m, "target", object.get(m, "dst", object.get(m, "destination", "")))
	some p in prefixes
	startswith(t, p)
}

# env_value is the value of variable name for a RUN: set on the
# command line of the script, or by ENV in the stage's lineage.
env_value(x, name) := v if {
	some c in x.cmds
	some p in c.pre
	startswith(p, concat("", [name, "="]))
	v := substring(p, count(name) + 1, -1)
} else := v if {
	cands := [s | some s in lineage(x.r); lib.has(s.config.env, name)]
	v := nearest(cands).config.env[name]
}

# secret_name holds for a variable name that says it holds a secret
# (DB_PASSWORD, API_KEY, GITHUB_TOKEN), but not for names of files,
# paths, URLs, ids or flags about secrets (PASSWORD_FILE, TOKEN_URL).
secret_name(n) if {
	u := upper(n)
	regex.match(`(^|_)(PASSWORD|PASSWD|PASSPHRASE|PASS|PWD|SECRET|SECRETS|TOKEN|APIKEY|API_KEY|PRIVATE_KEY|PRIVATEKEY|SECRET_KEY|ACCESS_KEY|AUTH_KEY|CREDENTIALS?)($|_)`, u)
	u != "PWD"
	not regex.match(`_(FILE|PATH|DIR|URL|URI|ENDPOINT|HOST|PORT|NAME|USER|USERNAME|ID|KEY_ID|LENGTH|LEN|TTL|EXPIRY|EXPIRES|TIMEOUT|HEADER|TYPE|MODE|ENABLED|REQUIRED|POLICY|FIELD|PARAM|VAR|ENV|LOCATION|SCOPE|SCOPES|ISSUER|AUDIENCE)$`, u)
	not regex.match(`^(ALLOW|REQUIRE|ENABLE|DISABLE|SKIP|USE|NO)_`, u)
}

# literal_secret holds for a value written out in full: not empty, not a
# variable reference, not a yes/no flag.
literal_secret(v) if {
	is_string(v)
	v != ""
	not contains(v, "$")
	not lower(v) in {"true", "false", "yes", "no", "on", "off", "0", "1", "none", "null"}
}
