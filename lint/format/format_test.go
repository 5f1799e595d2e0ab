package format

import (
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vobizctl/vobizctl/lint"
)

func TestNew(t *testing.T) {
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			p, err := New(name, Options{})
			if err != nil || p == nil {
				t.Fatalf("New(%q) = %v, %v", name, p, err)
			}
		})
	}
}

func TestNewUnknown(t *testing.T) {
	tests := []struct{ name, format string }{
		{"unknown", "xml"},
		{"empty", ""},
		{"wrong case", "JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.format, Options{})
			want := `unknown format "` + tt.format + `" (valid: text, pretty, json, sarif, junit, checkstyle, github)`
			if err == nil || err.Error() != want {
				t.Errorf("New(%q) error = %v, want %q", tt.format, err, want)
			}
		})
	}
}

// TestDeterministic prints the fixture with its diagnostics shuffled and expects the same bytes:
// output must not depend on the order the rules reported findings in.
func TestDeterministic(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			p, err := New(name, fixtureOptions())
			if err != nil {
				t.Fatal(err)
			}
			want := printWith(t, p, fixtureResults(t))
			shuffled := fixtureResults(t)
			for i := range shuffled {
				ds := slices.Clone(shuffled[i].Diagnostics)
				rng.Shuffle(len(ds), func(a, b int) { ds[a], ds[b] = ds[b], ds[a] })
				shuffled[i].Diagnostics = ds
			}
			if diff := cmp.Diff(string(want), string(printWith(t, p, shuffled))); diff != "" {
				t.Errorf("output depends on diagnostic order (-sorted +shuffled):\n%s", diff)
			}
		})
	}
}

// failingWriter fails every write, like a closed pipe.
type failingWriter struct{}

var errClosed = errors.New("write on closed pipe")

func (failingWriter) Write([]byte) (int, error) { return 0, errClosed }

func TestPrintReportsWriteErrors(t *testing.T) {
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			p, err := New(name, fixtureOptions())
			if err != nil {
				t.Fatal(err)
			}
			if err := p.Print(failingWriter{}, fixtureResults(t)); !errors.Is(err, errClosed) {
				t.Errorf("Print error = %v, want %v", err, errClosed)
			}
		})
	}
	if err := WriteGitHubSummary(failingWriter{}, fixtureResults(t)); !errors.Is(err, errClosed) {
		t.Errorf("WriteGitHubSummary error = %v, want %v", err, errClosed)
	}
}

// TestNoResults checks every format copes with an empty run and still writes a whole document.
func TestNoResults(t *testing.T) {
	want := map[string]string{
		"text":   "",
		"pretty": "No problems found (0 files checked)\n",
		"github": "",
	}
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			p, err := New(name, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := string(printWith(t, p, nil))
			if w, exact := want[name]; exact {
				if got != w {
					t.Errorf("got %q, want %q", got, w)
				}
			} else if !strings.HasSuffix(got, "\n") || len(got) < 20 {
				t.Errorf("document %q is not a complete document ending with a newline", got)
			}
		})
	}
}

// TestTextMatchesDiagnosticString keeps the text format and lint.Diagnostic.String in step, so
// the library's own rendering and the CLI's agree.
func TestTextMatchesDiagnosticString(t *testing.T) {
	d := lint.Diagnostic{File: "a.xml", Start: lint.Position{Line: 2, Col: 4}, Severity: lint.Warning, Rule: "r", Message: "m"}
	got := string(printWith(t, textPrinter{}, []lint.Result{{File: "a.xml", Diagnostics: []lint.Diagnostic{d}}}))
	if got != d.String()+"\n" {
		t.Errorf("text %q, Diagnostic.String %q", got, d.String())
	}
}
