package cmd

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"
	"github.com/google/go-cmp/cmp"

	"github.com/vobizctl/vobizctl/internal/iostreams"
)

const badDoc = "<Response>\n  <Play>http://example.com/a.mp3</Play>\n  <Wait length=\"0\"/>\n</Response>\n"

// lintTestRun runs vobizctl with streams that may be terminals and an environment map.
func lintTestRun(t *testing.T, tty bool, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	ios.SetTTY(false, tty, tty)
	ios.Getenv = func(k string) string { return env[k] }
	code := Run(context.Background(), NewFactory(ios), args)
	return code, out.String(), errOut.String()
}

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLintDefaultFormat(t *testing.T) {
	file := writeTemp(t, "bad.xml", badDoc)
	tests := []struct {
		name string
		tty  bool
		env  map[string]string
		want string // a line only that format prints
	}{
		{"pipe gets text", false, nil, file + ":3:17: error: invalid value `0`"},
		{"terminal gets pretty", true, nil, "3 |   <Wait length=\"0\"/>"},
		{"GitHub Actions gets annotations", true, map[string]string{"GITHUB_ACTIONS": "true"}, "::error file="},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, _ := lintTestRun(t, tt.tty, tt.env, "lint", file)
			if code != ExitFindings || !strings.Contains(out, tt.want) {
				t.Errorf("exit %d, stdout:\n%s\nwant it to contain %q", code, out, tt.want)
			}
		})
	}
}

func TestLintPrettyIsColouredOnlyWithAColourTerminal(t *testing.T) {
	file := writeTemp(t, "bad.xml", badDoc)
	for _, profile := range []colorprofile.Profile{colorprofile.NoTTY, colorprofile.ANSI} {
		ios, _, out, _ := iostreams.Test()
		ios.SetTTY(false, true, true)
		ios.ForceColor(profile)
		Run(context.Background(), NewFactory(ios), []string{"lint", file})
		if got, want := strings.Contains(out.String(), "\x1b["), profile == colorprofile.ANSI; got != want {
			t.Errorf("profile %v: escape codes = %v, want %v:\n%q", profile, got, want, out.String())
		}
		if !strings.Contains(out.String(), "1 warning") || !strings.Contains(out.String(), "in 1 file (1 file checked)") {
			t.Errorf("profile %v: no summary:\n%s", profile, out.String())
		}
	}
}

func TestListRulesTableOnATerminal(t *testing.T) {
	code, out, _ := lintTestRun(t, true, nil, "lint", "--list-rules")
	lines := strings.Split(out, "\n")
	if code != 0 || !strings.HasPrefix(lines[0], "ID  ") || !strings.Contains(lines[0], "  DESCRIPTION") {
		t.Fatalf("exit %d, want an aligned table with a header:\n%s", code, out)
	}
	if !strings.HasPrefix(lines[1], "xml-syntax ") || strings.Contains(out, "\t") {
		t.Errorf("want aligned rows, not TSV:\n%s", out)
	}
}

func TestSchemaShowWrapsOnATerminal(t *testing.T) {
	code, out, _ := lintTestRun(t, true, nil, "schema", "show", "Gather")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, line := range strings.Split(out, "\n") {
		if len([]rune(line)) > 80 {
			t.Errorf("line longer than the terminal (80): %q", line)
		}
	}
	if !strings.Contains(out, "  executionTimeout  integer, default 15\n      allowed: an integer from 5 to 60\n") {
		t.Errorf("attribute block missing:\n%s", out)
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		name, input, indent string
		width               int
		want                string
	}{
		{"no width keeps one line", "a b  c", "  ", 0, "  a b c"},
		{"breaks at the width", "aaa bbb ccc ddd", "", 25, "aaa bbb ccc ddd"},
		{"indents every line", strings.Repeat("word ", 8), "    ", 30, "    word word word word word\n    word word word"},
	}
	for _, tt := range tests {
		if got := wrap(tt.input, tt.indent, tt.width); got != tt.want {
			t.Errorf("%s: wrap = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "flow.xml")
	if err := os.WriteFile(existing, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(existing, 0o640); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		path     string
		wantMode os.FileMode
	}{
		{"existing file keeps its mode", existing, 0o640},
		{"new file gets the given mode", filepath.Join(dir, "new.xsd"), 0o644},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := writeFileAtomic(tt.path, []byte("new"), 0o644); err != nil {
				t.Fatal(err)
			}
			info, err := os.Stat(tt.path)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := os.ReadFile(tt.path)
			if string(got) != "new" || info.Mode().Perm() != tt.wantMode {
				t.Errorf("content %q mode %v, want \"new\" %v", got, info.Mode().Perm(), tt.wantMode)
			}
		})
	}
	if err := writeFileAtomic(dir, []byte("x"), 0o644); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("writing over a directory: err = %v, want a refusal", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestRepoRoot(t *testing.T) {
	repo := t.TempDir()
	sub := filepath.Join(repo, "flows", "ivr")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(repo, ".git"), []byte("gitdir: elsewhere\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(sub)
	wantRepo, _ := filepath.EvalSymlinks(repo)
	if got, _ := filepath.EvalSymlinks(repoRoot("")); got != wantRepo {
		t.Errorf("repoRoot(\"\") = %q, want the work tree %q", got, wantRepo)
	}
	if got := repoRoot("/ws"); got != "/ws" {
		t.Errorf("repoRoot(\"/ws\") = %q, want the workspace", got)
	}
}

func TestClosest(t *testing.T) {
	ids := []string{"insecure-url", "loop-forever", "nesting", "Gather"}
	tests := []struct{ input, want string }{
		{"insecure-ur", "insecure-url"},
		{"loop-forver", "loop-forever"},
		{"nestnig", "nesting"},
		{"gathr", "Gather"},
		{"xyz", ""},
		{"insecure-anything", ""},
	}
	var got []string
	var want []string
	for _, tt := range tests {
		got = append(got, closest(tt.input, ids))
		want = append(want, tt.want)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("closest (-want +got):\n%s", diff)
	}
}

func TestLintInterrupted(t *testing.T) {
	file := writeTemp(t, "bad.xml", badDoc)
	ios, _, out, errOut := iostreams.Test()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if code := Run(ctx, NewFactory(ios), []string{"lint", file}); code != ExitInterrupted {
		t.Errorf("exit %d, want %d; stdout %q stderr %q", code, ExitInterrupted, out, errOut)
	}
	if out.Len() != 0 {
		t.Errorf("an interrupted run printed a partial report:\n%s", out)
	}
}

// TestSARIFHelpAnchorsExist checks that every rule's help link (docs/rules.md#<rule-id>, written
// by the sarif format) lands on a heading of docs/rules.md.
func TestSARIFHelpAnchorsExist(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "rules.md"))
	if err != nil {
		t.Fatal(err)
	}
	anchors := map[string]bool{}
	for _, line := range strings.Split(string(doc), "\n") {
		if title, ok := strings.CutPrefix(line, "## "); ok {
			anchors[githubAnchor(title)] = true
		}
	}
	for _, id := range ruleIDs() {
		if !anchors[id] {
			t.Errorf("docs/rules.md has no heading with the anchor #%s", id)
		}
	}
}

// githubAnchor is the id GitHub gives a Markdown heading: lower case, spaces to hyphens, other
// punctuation dropped.
func githubAnchor(title string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(title)) {
		switch {
		case r == ' ':
			b.WriteRune('-')
		case r == '-' || r == '_' || ('a' <= r && r <= 'z') || ('0' <= r && r <= '9'):
			b.WriteRune(r)
		}
	}
	return b.String()
}
