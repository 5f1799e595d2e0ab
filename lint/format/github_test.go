package format

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vobizctl/vobizctl/lint"
)

func TestEscapeGitHub(t *testing.T) {
	tests := []struct {
		name, input, data, property string
	}{
		{"plain", "abc", "abc", "abc"},
		{"percent first", "100%0A", "100%250A", "100%250A"},
		{"line breaks", "a\r\nb\nc", "a%0D%0Ab%0Ac", "a%0D%0Ab%0Ac"},
		{"separators", "a:b,c", "a:b,c", "a%3Ab%2Cc"},
		{"command lookalike", "::error::x", "::error::x", "%3A%3Aerror%3A%3Ax"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := escapeGitHubData(tt.input); got != tt.data {
				t.Errorf("data: got %q, want %q", got, tt.data)
			}
			if got := escapeGitHubProperty(tt.input); got != tt.property {
				t.Errorf("property: got %q, want %q", got, tt.property)
			}
		})
	}
}

// githubCommandLine is one workflow command parsed the way the Actions runner parses it.
type githubCommandLine struct {
	Command    string
	Properties map[string]string
	Message    string
}

// parseGitHubCommand splits "::cmd k=v,k=v::message" at the first "::" after the command and
// the properties at "," and the first "=", then unescapes, as the runner does.
func parseGitHubCommand(t *testing.T, line string) githubCommandLine {
	t.Helper()
	rest, ok := strings.CutPrefix(line, "::")
	head, message, found := strings.Cut(rest, "::")
	if !ok || !found {
		t.Fatalf("not a workflow command: %q", line)
	}
	cmd, props, _ := strings.Cut(head, " ")
	unescape := strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%")
	parsed := githubCommandLine{Command: cmd, Properties: map[string]string{}, Message: unescape.Replace(message)}
	for _, p := range strings.Split(props, ",") {
		k, v, _ := strings.Cut(p, "=")
		parsed.Properties[k] = unescape.Replace(v)
	}
	return parsed
}

// TestGitHubRoundTrip parses the printed commands back and checks that file names, titles and
// messages survive the escaping exactly.
func TestGitHubRoundTrip(t *testing.T) {
	out := string(printFixture(t, "github", fixtureOptions()))
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	var got []githubCommandLine
	for _, l := range lines {
		got = append(got, parseGitHubCommand(t, l))
	}
	want := []githubCommandLine{
		{"error", map[string]string{"file": "flows/ivr.xml", "line": "5", "endLine": "7", "title": "unknown-element"},
			"unknown element <Say> in <Gather>: TwiML's \"Say\" & \"Pause\" are <Speak> & <Wait>,\n50% of ported flows hit this\n" +
				"hint: replace <Say> with <Speak>; 1:1, same text"},
		{"error", map[string]string{"file": "flows/missing.xml", "title": "unreadable file"},
			"cannot read file: open flows/missing.xml: permission denied"},
		{"notice", map[string]string{"file": "flows/odd:name, 100%.xml", "title": "document-size"},
			"document is 97% of the 100 KB limit"},
		{"warning", map[string]string{"file": "flows/odd:name, 100%.xml", "line": "2", "col": "255", "endColumn": "273",
			"title": "unreachable-element"}, "<Wait> after <Redirect> never runs\nhint: move it before <Redirect>"},
	}
	picked := []githubCommandLine{got[4], got[6], got[7], got[9]}
	if diff := cmp.Diff(want, picked); diff != "" {
		t.Errorf("parsed commands (-want +got):\n%s", diff)
	}
	if len(got) != 11 {
		t.Errorf("got %d commands, want 11 (10 findings and 1 unreadable file)", len(got))
	}
}

func TestGitHubProperties(t *testing.T) {
	p := func(line, col int) lint.Position { return lint.Position{Line: line, Col: col} }
	tests := []struct {
		name       string
		start, end lint.Position
		want       [][2]string
	}{
		{"one line", p(3, 5), p(3, 9), [][2]string{{"file", "a.xml"}, {"line", "3"}, {"col", "5"}, {"endColumn", "9"}, {"title", "r"}}},
		{"empty span", p(3, 5), p(3, 5), [][2]string{{"file", "a.xml"}, {"line", "3"}, {"col", "5"}, {"title", "r"}}},
		{"several lines drop columns", p(3, 5), p(4, 2), [][2]string{{"file", "a.xml"}, {"line", "3"}, {"endLine", "4"}, {"title", "r"}}},
		{"whole line", p(3, 0), p(3, 0), [][2]string{{"file", "a.xml"}, {"line", "3"}, {"title", "r"}}},
		{"whole file", p(0, 0), p(0, 0), [][2]string{{"file", "a.xml"}, {"title", "r"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := githubProperties("a.xml", lint.Diagnostic{Start: tt.start, End: tt.end, Rule: "r"})
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestGitHubUsesRepoRelativePaths(t *testing.T) {
	results := []lint.Result{{File: "/work/repo/flows/a.xml", Diagnostics: []lint.Diagnostic{
		{Start: lint.Position{Line: 1, Col: 1}, End: lint.Position{Line: 1, Col: 2}, Rule: "r", Message: "m"}}}}
	got := string(printWith(t, githubPrinter{opts: Options{Root: "/work/repo"}}, results))
	want := "::error file=flows/a.xml,line=1,col=1,endColumn=2,title=r::m\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestGitHubSummaryLimit(t *testing.T) {
	var results []lint.Result
	for range 50 {
		results = append(results, lint.Result{File: "a.xml", Diagnostics: []lint.Diagnostic{
			{Start: lint.Position{Line: 1, Col: 1}, Rule: "r", Message: strings.Repeat("x", 100)}}})
	}
	var full, capped bytes.Buffer
	if err := writeGitHubSummary(&full, results, githubSummaryLimit); err != nil {
		t.Fatal(err)
	}
	if err := writeGitHubSummary(&capped, results, 2000); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(full.String(), "\n| :x: error |"); n != 50 {
		t.Errorf("full summary has %d rows, want 50", n)
	}
	rows := strings.Count(capped.String(), "\n| :x: error |")
	if rows == 0 || rows >= 50 || !strings.Contains(capped.String(), plural(50-rows, "more row")+" not shown") {
		t.Errorf("capped summary has %d rows and no matching note:\n%s", rows, capped.String())
	}
	if capped.Len() > 2000+200 {
		t.Errorf("capped summary is %d bytes, want about 2000", capped.Len())
	}
}

func TestGitHubSummaryClean(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteGitHubSummary(&buf, []lint.Result{{File: "a.xml"}, {File: "b.xml"}}); err != nil {
		t.Fatal(err)
	}
	want := "### vobizctl lint\n\nNo problems found (2 files checked).\n"
	if buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
}
