package deps

import (
	"fmt"
	"strings"
	"testing"
)

func TestParseRequirements(t *testing.T) {
	t.Parallel()
	tests := []lockCase{
		{
			name: "pip-compile with hashes",
			file: "requirements.txt",
			want: []expectPkg{
				{"blinker", "1.8.2", 9, "d"},
				{"certifi", "2024.8.30", 13, "d"},
				{"charset-normalizer", "3.4.0", 17, "d"},
				{"flask", "3.0.3", 20, "d"},
				{"idna", "3.10", 24, "d"},
				{"requests", "2.32.3", 27, "d"},
				{"urllib3", "2.2.3", 31, "d"},
			},
		},
		{
			name: "specifiers, options, editables and URLs",
			file: "mixed.txt",
			want: []expectPkg{
				{"Django", "", 7, "du"},
				{"celery", "", 8, "du"},
				{"gunicorn", "", 9, "du"},
				{"psycopg2-binary", "2.9.9", 10, "d"},
				{"PyYAML", "6.0.1", 11, "d"},
				{"numpy", "", 12, "du"},
				{"zope.interface", "6.4", 13, "d"},
				{"pywin32", "306", 14, "d"},
				{"typing_extensions", "", 15, "du"},
				{"worker-utils", "", 16, "dlu"},
				{"reporting", "", 18, "dlu"},
				{"internal-sdk", "", 19, "dlu"},
				{"vendored-lib", "", 20, "dlu"},
				{"mirrored-pkg", "", 21, "du"},
				{"local_tool", "", 22, "dlu"},
				{"legacy", "", 23, "du"},
			},
		},
		{
			name: "dev file by name",
			file: "requirements-dev.txt",
			want: []expectPkg{
				{"pytest", "8.3.3", 3, "dv"},
				{"pytest-cov", "5.0.0", 4, "dv"},
				{"ruff", "0.6.9", 5, "dv"},
				{"mypy", "", 6, "dvu"},
			},
		},
		{
			name: "dev file in a requirements directory",
			file: "requirements-dev.txt",
			path: "requirements/dev.txt",
			want: []expectPkg{
				{"pytest", "8.3.3", 3, "dv"},
				{"pytest-cov", "5.0.0", 4, "dv"},
				{"ruff", "0.6.9", 5, "dv"},
				{"mypy", "", 6, "dvu"},
			},
		},
		{
			name: "a name that only contains dev is not a dev file",
			file: "requirements-dev.txt",
			path: `requirements\devices.txt`,
			want: []expectPkg{
				{"pytest", "8.3.3", 3, "d"},
				{"pytest-cov", "5.0.0", 4, "d"},
				{"ruff", "0.6.9", 5, "d"},
				{"mypy", "", 6, "du"},
			},
		},
	}
	runLockCases(t, parseRequirements, PyPI, "requirements", "", tests)
}

func TestRequirementsDev(t *testing.T) {
	t.Parallel()
	tests := []struct {
		path string
		want bool
	}{
		{"requirements.txt", false},
		{"requirements-dev.txt", true},
		{"dev-requirements.txt", true},
		{"requirements_test.txt", true},
		{"requirements.testing.txt", true},
		{"requirements/dev.txt", true},
		{"requirements/prod.txt", false},
		{"ci/requirements-docs.txt", false},
		{"REQUIREMENTS-DEV.TXT", true},
		{"dev/requirements.txt", false},
	}
	for _, tt := range tests {
		if got := requirementsDev(tt.path); got != tt.want {
			t.Errorf("requirementsDev(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

func TestRequirementLines(t *testing.T) {
	t.Parallel()
	tests := []lockCase{
		{
			name: "continuation and CRLF",
			in:   "# top\r\nfoo==1.0 \\\r\n    --hash=sha256:00\r\n\r\nbar == 2.0\r\n",
			want: []expectPkg{{"foo", "1.0", 2, "d"}, {"bar", "2.0", 5, "d"}},
		},
		{
			name: "continuation at end of file",
			in:   "foo==1.0 \\",
			want: []expectPkg{{"foo", "1.0", 1, "d"}},
		},
		{
			name: "comment inside a continuation ends it",
			in:   "foo==1.0 \\\n# note\nbar>=1\n",
			want: []expectPkg{{"foo", "1.0", 1, "d"}, {"bar", "", 3, "du"}},
		},
		{
			name: "triple equals, extras, markers, options",
			in:   "a===1.0+local\nb[x,y]==2 ; python_version<'3.12' --hash=sha256:aa\nc==3 --config-settings=x=y\n",
			want: []expectPkg{{"a", "1.0+local", 1, "d"}, {"b", "2", 2, "d"}, {"c", "3", 3, "d"}},
		},
		{
			name: "ranges and wildcards are unpinned",
			in:   "a!=1.0\nb<2\nc==1.*\nd==1.0,<2\ne~=1.4\nf>1\n",
			want: []expectPkg{
				{"a", "", 1, "du"}, {"b", "", 2, "du"}, {"c", "", 3, "du"},
				{"d", "", 4, "du"}, {"e", "", 5, "du"}, {"f", "", 6, "du"},
			},
		},
		{
			name: "options and nameless references record nothing",
			in:   "-r base.txt\n--requirement=other.txt\n-c c.txt\n-i https://pypi.org/simple\n--no-binary :all:\n-e .\n./src\n--pre\n",
			want: nil,
		},
		{
			name: "direct references",
			in:   "-egit+https://github.com/o/r.git#egg=r&subdirectory=x\npkg@ https://h.example/pkg-1.tar.gz ; python_version>'3'\nC:\\wheels\\tool-1.0-py3-none-any.whl\n",
			want: []expectPkg{{"r", "", 1, "dlu"}, {"pkg", "", 2, "du"}, {"tool", "", 3, "dlu"}},
		},
	}
	runLockCases(t, parseRequirements, PyPI, "", "requirements.txt", tests)
}

func TestNormalizePyPIName(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"Flask", "flask"},
		{"zope.interface", "zope-interface"},
		{"typing_extensions", "typing-extensions"},
		{"Foo.-_Bar", "foo-bar"},
		{"a__b--c..d", "a-b-c-d"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := normalizePyPIName(tt.in); got != tt.want {
			t.Errorf("normalizePyPIName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParsePipfileLock(t *testing.T) {
	t.Parallel()
	got := mustParse(t, parsePipfileLock, "Pipfile.lock", readFixture(t, "pipfile", "Pipfile.lock"))
	checkPackages(t, got, PyPI, []expectPkg{
		{"blinker", "1.8.2", 19, ""},
		{"certifi", "2024.8.30", 27, ""},
		{"flask", "3.0.3", 36, ""},
		{"mylib", "", 45, "lu"},
		{"requests", "", 49, "lu"},
		{"werkzeug", "3.0.4", 54, ""},
		{"pytest", "8.3.3", 73, "v"},
		{"ruff", "", 82, "vu"},
		{"vendored", "", 90, "vlu"},
		{"wheel-tool", "", 93, "vu"},
	})
}

func TestParsePoetryLock(t *testing.T) {
	t.Parallel()
	tests := []lockCase{
		{
			file: "v1.1.lock",
			want: []expectPkg{
				{"click", "8.1.3", 1, ""},
				{"colorama", "0.4.6", 12, ""},
				{"Flask", "2.2.2", 20, ""},
				{"iniconfig", "1.1.1", 39, "v"},
				{"itsdangerous", "2.1.2", 47, ""},
				{"Jinja2", "3.1.2", 55, ""},
				{"MarkupSafe", "2.1.1", 69, ""},
				{"packaging", "21.3", 77, "v"},
				{"pluggy", "1.0.0", 88, "v"},
				{"pyparsing", "3.0.9", 100, "v"},
				{"pytest", "7.2.0", 111, "v"},
				{"python-dotenv", "0.21.0", 126, "o"},
				{"Werkzeug", "2.2.2", 137, ""},
			},
			edges: map[string][]string{
				// Sorted by normalised name; attrs is not locked and drops out.
				"Flask@2.2.2":  {"click@8.1.3", "itsdangerous@2.1.2", "Jinja2@3.1.2", "python-dotenv@0.21.0", "Werkzeug@2.2.2"},
				"pytest@7.2.0": {"colorama@0.4.6", "iniconfig@1.1.1", "packaging@21.3", "pluggy@1.0.0"},
				"Jinja2@3.1.2": {"MarkupSafe@2.1.1"},
			},
		},
		{
			file: "v2.0.lock",
			want: []expectPkg{
				{"anyio", "4.4.0", 3, ""},
				{"acme-billing", "0.3.0", 22, "l"},
				{"idna", "3.7", 38, ""},
				{"internal-auth", "2.4.1", 49, ""},
				{"sniffio", "1.3.1", 64, ""},
				{"structlog", "24.4.0", 75, "l"},
				{"tzdata", "2024.1", 90, ""},
				{"vendored-parser", "1.0.2", 104, "l"},
			},
			edges: map[string][]string{
				"anyio@4.4.0":        {"idna@3.7", "sniffio@1.3.1"},
				"acme-billing@0.3.0": {"anyio@4.4.0"},
			},
		},
		{
			file: "v2.1.lock",
			want: []expectPkg{
				{"colorama", "0.4.6", 3, ""},
				{"coverage", "7.6.1", 16, "v"},
				{"numpy", "1.24.4", 30, ""},
				{"numpy", "2.0.2", 42, ""},
				{"pandas", "2.0.3", 54, ""},
				{"pytest", "8.3.3", 72, "v"},
				{"s3fs", "2024.9.0", 86, "o"},
				{"tzdata", "2024.2", 98, ""},
			},
			edges: map[string][]string{
				"pandas@2.0.3": {"numpy@1.24.4", "numpy@2.0.2", "tzdata@2024.2"},
				"pytest@8.3.3": {"colorama@0.4.6"},
			},
		},
	}
	runLockCases(t, parsePoetryLock, PyPI, "poetry", "poetry.lock", tests)
}

func TestParseUvLock(t *testing.T) {
	t.Parallel()
	tests := []lockCase{
		{
			file: "project.lock",
			want: []expectPkg{
				{"anyio", "4.6.0", 5, ""},
				{"certifi", "2024.8.30", 18, ""},
				{"colorama", "0.4.6", 27, "v"},
				{"h11", "0.14.0", 36, ""},
				{"httpcore", "1.0.6", 45, ""},
				{"httpx", "0.27.2", 58, "d"},
				{"idna", "3.10", 74, ""},
				{"iniconfig", "2.0.0", 83, "v"},
				{"markdown-it-py", "3.0.0", 92, "o"},
				{"mdurl", "0.1.2", 104, "o"},
				{"orbit", "0.4.0", 113, "l"},
				{"packaging", "24.1", 145, "v"},
				{"pluggy", "1.5.0", 154, "v"},
				{"pygments", "2.18.0", 163, "o"},
				{"pytest", "8.3.3", 172, "dv"},
				{"rich", "13.9.2", 187, "do"},
				{"ruff", "0.6.9", 200, "dv"},
				{"sniffio", "1.3.1", 209, ""},
			},
			edges: map[string][]string{
				"orbit@0.4.0":  {"httpx@0.27.2", "rich@13.9.2", "pytest@8.3.3", "ruff@0.6.9"},
				"httpx@0.27.2": {"anyio@4.6.0", "certifi@2024.8.30", "httpcore@1.0.6", "idna@3.10", "sniffio@1.3.1"},
			},
		},
		{
			file: "workspace.lock",
			want: []expectPkg{
				{"acme-api", "1.2.0", 16, "l"},
				{"acme-core", "", 31, "dl"},
				{"acme-workspace", "0.0.0", 46, "l"},
				{"fastapi", "0.115.0", 59, "d"},
				{"legacy-geo", "0.9.1", 71, "dl"},
				{"mypy-plugins", "0.3.0", 77, "dvl"},
				{"numpy", "2.0.2", 82, "d"},
				{"numpy", "2.1.2", 94, "d"},
				{"pytest-httpserver", "1.1.0", 106, "dvl"},
				{"starlette", "0.38.6", 114, ""},
				{"werkzeug", "3.0.4", 123, "v"},
			},
			edges: map[string][]string{
				"acme-core@":           {"numpy@2.0.2", "numpy@2.1.2", "legacy-geo@0.9.1"},
				"acme-workspace@0.0.0": {"mypy-plugins@0.3.0", "pytest-httpserver@1.1.0"},
				"acme-api@1.2.0":       {"acme-core@", "fastapi@0.115.0"},
			},
		},
	}
	runLockCases(t, parseUvLock, PyPI, "uv", "uv.lock", tests)
}

func TestParsePylock(t *testing.T) {
	t.Parallel()
	tests := []lockCase{
		{
			file: "pylock.toml",
			want: []expectPkg{
				{"certifi", "2024.8.30", 4, ""},
				{"charset-normalizer", "3.3.2", 18, ""},
				{"idna", "3.10", 32, ""},
				{"requests", "2.32.3", 46, ""},
				{"urllib3", "2.2.3", 60, ""},
			},
		},
		{
			file: "pylock.dev.toml",
			want: []expectPkg{
				{"boto3", "1.35.24", 9, "o"},
				{"botocore", "1.35.24", 27, "o"},
				{"docs-theme", "0.9.0", 42, "vl"},
				{"orbit-plugins", "0.2.0", 53, "l"},
				{"pytest", "8.3.3", 61, "v"},
				{"rich", "13.9.2", 76, ""},
				{"tzdata", "2024.2", 91, "l"},
			},
			edges: map[string][]string{
				"boto3@1.35.24": {"botocore@1.35.24"},
			},
		},
	}
	runLockCases(t, parsePylock, PyPI, "pylock", "", tests)
}

func TestPyMalformed(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		parse parseFunc
		path  string
		in    string
		line  int
	}{
		{"requirements bad specifier", parseRequirements, "requirements.txt", "ok==1\n\nflask=2.0\n", 3},
		{"requirements not a name", parseRequirements, "requirements.txt", "# x\n!!!\n", 2},
		{"requirements unclosed extras", parseRequirements, "requirements.txt", "a==1\nb[x==1\n", 2},
		{"requirements space in version", parseRequirements, "requirements.txt", "a == 1 2\n", 1},
		{"pipfile syntax", parsePipfileLock, "Pipfile.lock", "{\n  \"default\": {\n    \"a\": {\"version\": \"==1\"},\n    \"b\": {\"version\" \"==2\"}\n  }\n}\n", 4},
		{"pipfile wrong type", parsePipfileLock, "Pipfile.lock", "{\n  \"default\": {\n    \"a\": {\n      \"version\": 1\n    }\n  }\n}\n", 4},
		{"pipfile truncated", parsePipfileLock, "Pipfile.lock", "{\n  \"default\": {\n    \"a\": {\"version\": \"==1\"}", 3},
		{"pipfile not an object", parsePipfileLock, "Pipfile.lock", "\n[1, 2]\n", 2},
		{"pipfile trailing data", parsePipfileLock, "Pipfile.lock", "{}\n\n{}\n", 3},
		{"pipfile too deep", parsePipfileLock, "Pipfile.lock", "{\"_meta\":\n" + strings.Repeat("[", 200), 2},
		{"poetry syntax", parsePoetryLock, "poetry.lock", "[[package]]\nname = \"a\"\nversion = \"1\"\n\n[[package]]\nname = \"b\nversion = \"2\"\n", 6},
		{"poetry missing name", parsePoetryLock, "poetry.lock", "[[package]]\nname = \"a\"\nversion = \"1\"\n\n[[package]]\nversion = \"2\"\n", 5},
		{"poetry too deep", parsePoetryLock, "poetry.lock", "[[package]]\nname = \"a\"\nx = " + strings.Repeat("[", 5000), 3},
		{"uv duplicate key", parseUvLock, "uv.lock", "version = 1\n\n[[package]]\nname = \"a\"\nname = \"b\"\n", 5},
		{"uv too deep inline table", parseUvLock, "uv.lock", "version = 1\nx = " + strings.Repeat("{a=", 3000), 2},
		{"uv error after a skipped value keeps its line", parseUvLock, "uv.lock", "[[package]]\nname = \"a\"\nwheels = [\n    { url = \"x\" },\n]\nversion = \"1\n", 6},
		{"uv skipped value left open", parseUvLock, "uv.lock", "[[package]]\nname = \"a\"\nwheels = [\n    { url = \"x\" },\n", 4},
		{"uv skipped key without a value", parseUvLock, "uv.lock", "[[package]]\nname = \"a\"\nsdist =\nversion = \"1\"\n", 3},
		{"uv skipped value closed twice", parseUvLock, "uv.lock", "[[package]]\nname = \"a\"\nwheels = [1]]\n", 3},
		{"pylock missing name", parsePylock, "pylock.toml", "lock-version = \"1.0\"\n\n[[packages]]\nversion = \"1\"\n", 3},
		{"pylock bad value", parsePylock, "pylock.toml", "lock-version = \"1.0\"\n[[packages]]\nname = \"a\"\nversion = 1.2.3\n", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkParseError(t, tt.parse, tt.path, tt.in, tt.line)
		})
	}
}

func TestPyOddButValid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		parse parseFunc
		in    string
		want  []expectPkg
	}{
		{"pipfile null develop", parsePipfileLock, `{"default": {"a": {"version": "==1"}}, "develop": null}`, []expectPkg{{"a", "1", 1, ""}}},
		{"pipfile empty", parsePipfileLock, `{}`, nil},
		{"pipfile develop first", parsePipfileLock, "{\"develop\": {\"a\": {\"version\": \"==1\"}, \"b\": {}},\n\"default\": {\"a\": {\"version\": \"==1\"}}}", []expectPkg{{"a", "1", 2, ""}, {"b", "", 1, "vu"}}},
		{"requirements repeated", parseRequirements, "foo==1\nFoo==1\nfoo==2\nbar>1\nbar<3\n", []expectPkg{{"foo", "1", 1, "d"}, {"foo", "2", 3, "d"}, {"bar", "", 4, "du"}}},
		{"poetry inline package array", parsePoetryLock, "package = [{name = \"a\", version = \"1\"}]\n", []expectPkg{{"a", "1", 0, ""}}},
		{"poetry quoted header with spaces", parsePoetryLock, "[[ \"package\" ]]\nname = \"a\"\nversion = \"1\"\n", []expectPkg{{"a", "1", 1, ""}}},
		{"poetry wrong types read as absent", parsePoetryLock, "[[package]]\nname = \"a\"\nversion = \"1\"\noptional = \"yes\"\ngroups = \"dev\"\ndependencies = 3\n", []expectPkg{{"a", "1", 1, ""}}},
		{"uv no packages", parseUvLock, "version = 1\nrequires-python = \">=3.12\"\n", nil},
		{"uv unknown dependency", parseUvLock, "[[package]]\nname = \"a\"\nversion = \"1\"\nsource = { virtual = \".\" }\ndependencies = [{ name = \"gone\" }, \"odd\"]\n", []expectPkg{{"a", "1", 1, "l"}}},
		// Skipped values are not decoded, so a mistake wholly inside one
		// goes unreported (see decodeLockTOML).
		{"uv mistake inside a skipped value", parseUvLock, "[[package]]\nname = \"a\"\nversion = \"1\"\nwheels = [\n    { url = \"x\" hash = \"y\" },\n]\nsdist = { url = \"\"\"\nz\"\"\" }\n\n[[package]]\nname = \"b\"\nversion = \"2\"\n", []expectPkg{{"a", "1", 1, ""}, {"b", "2", 10, ""}}},
		{"pylock empty", parsePylock, "lock-version = \"1.0\"\ncreated-by = \"x\"\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkPackages(t, mustParse(t, tt.parse, "lockfile", []byte(tt.in)), PyPI, tt.want)
		})
	}
}

// benchUvLock writes a uv.lock of n registry packages, each with two
// dependencies, an sdist and five wheels, below a root project.
func benchUvLock(n int) []byte {
	var b strings.Builder
	b.WriteString("version = 1\nrevision = 2\nrequires-python = \">=3.11\"\n\n")
	b.WriteString("[[package]]\nname = \"root\"\nversion = \"0.1.0\"\nsource = { editable = \".\" }\ndependencies = [\n    { name = \"pkg-0\" },\n]\n\n")
	for i := range n {
		fmt.Fprintf(&b, "[[package]]\nname = \"pkg-%d\"\nversion = \"1.%d.0\"\nsource = { registry = \"https://pypi.org/simple\" }\n", i, i%50)
		fmt.Fprintf(&b, "dependencies = [\n    { name = \"pkg-%d\" },\n    { name = \"pkg-%d\" },\n]\n", (i+1)%n, (i+7)%n)
		fmt.Fprintf(&b, "sdist = { url = \"https://files.pythonhosted.org/packages/aa/bb/pkg_%d-1.0.tar.gz\", hash = \"sha256:%064x\", size = 123456 }\nwheels = [\n", i, i)
		for w := range 5 {
			fmt.Fprintf(&b, "    { url = \"https://files.pythonhosted.org/packages/cc/dd/pkg_%d-1.0-cp31%d-manylinux_2_17_x86_64.whl\", hash = \"sha256:%064x\", size = 654321 },\n", i, w, i*5+w)
		}
		b.WriteString("]\n\n")
	}
	return []byte(b.String())
}

func BenchmarkParseUvLock(b *testing.B) {
	benchParse(b, parseUvLock, "uv.lock", benchUvLock(4000))
}

func BenchmarkParseRequirements(b *testing.B) {
	var s strings.Builder
	for i := range 4000 {
		fmt.Fprintf(&s, "pkg-%d[extra]==1.%d.0 ; python_version >= \"3.8\" \\\n    --hash=sha256:%064x\n    # via pkg-%d\n", i, i%50, i, i+1)
	}
	benchParse(b, parseRequirements, "requirements.txt", []byte(s.String()))
}
