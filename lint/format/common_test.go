package format

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vobizctl/vobizctl/lint"
)

func TestOneLine(t *testing.T) {
	tests := []struct{ name, input, want string }{
		{"plain", "unknown attribute \"x\"", "unknown attribute \"x\""},
		{"unicode kept", "Grüße 日本 \uFFFD", "Grüße 日本 \uFFFD"},
		{"line breaks", "a\nb\r\nc", `a\nb\r\nc`},
		{"tab", "a\tb", `a\tb`},
		{"escape sequence", "\x1b[2J", `\x1b[2J`},
		{"C1 control", "a\u009bb", `a\u009bb`},
		{"invalid UTF-8", "a\xffb", `a\xffb`},
		{"direction override", "a\u202eb", `a\u202eb`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := oneLine(tt.input); got != tt.want {
				t.Errorf("oneLine(%q) = %q, want %q", tt.input, got, tt.want)
			}
		})
	}
}

func TestLocation(t *testing.T) {
	tests := []struct {
		name  string
		start lint.Position
		want  string
	}{
		{"line and column", lint.Position{Line: 3, Col: 7}, "a.xml:3:7"},
		{"line only", lint.Position{Line: 3}, "a.xml:3"},
		{"whole file", lint.Position{}, "a.xml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := location("a.xml", lint.Diagnostic{Start: tt.start}); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSortedDiagnostics(t *testing.T) {
	d := func(line, col int, sev lint.Severity, rule string) lint.Diagnostic {
		return lint.Diagnostic{Start: lint.Position{Line: line, Col: col}, End: lint.Position{Line: line, Col: col + 1}, Severity: sev, Rule: rule}
	}
	in := []lint.Diagnostic{d(2, 1, lint.Error, "b"), d(1, 5, lint.Info, "a"), d(2, 1, lint.Error, "a"), d(1, 5, lint.Error, "z"), d(0, 0, lint.Warning, "f")}
	want := []lint.Diagnostic{d(0, 0, lint.Warning, "f"), d(1, 5, lint.Error, "z"), d(1, 5, lint.Info, "a"), d(2, 1, lint.Error, "a"), d(2, 1, lint.Error, "b")}
	r := lint.Result{Diagnostics: in}
	if diff := cmp.Diff(want, sortedDiagnostics(r)); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	if in[0].Rule != "b" {
		t.Error("sortedDiagnostics reordered the caller's slice")
	}
}

func TestSummarize(t *testing.T) {
	results := fixtureResults(t)
	want := summary{Files: 5, FilesWithFindings: 3, Unreadable: 1, Errors: 3, Warnings: 4, Infos: 3}
	if diff := cmp.Diff(want, summarize(results)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if got := want.counts(); got != "3 errors, 4 warnings, 3 infos" {
		t.Errorf("counts() = %q", got)
	}
	if got := (summary{Errors: 1}).counts(); got != "1 error, 0 warnings" {
		t.Errorf("counts() = %q", got)
	}
}
