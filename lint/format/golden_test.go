package format

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vobizctl/vobizctl/lint"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// checkGolden compares got with testdata/name, or rewrites the file when -update is given.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./lint/format/ -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

// printFixture prints the fixture in format name with opts.
func printFixture(t *testing.T, name string, opts Options) []byte {
	t.Helper()
	p, err := New(name, opts)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := p.Print(&buf, fixtureResults(t)); err != nil {
		t.Fatalf("Print: %v", err)
	}
	return buf.Bytes()
}

func printWith(t *testing.T, p Printer, results []lint.Result) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := p.Print(&buf, results); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	styled := fixtureOptions()
	styled.Styler = tagStyler{}
	tests := []struct {
		name, format, golden string
		opts                 Options
	}{
		{"text", "text", "text.golden", fixtureOptions()},
		{"pretty plain", "pretty", "pretty.golden", fixtureOptions()},
		{"pretty styled", "pretty", "pretty-styled.golden", styled},
		{"json", "json", "json.golden", fixtureOptions()},
		{"sarif", "sarif", "sarif.golden", fixtureOptions()},
		{"junit", "junit", "junit.golden", fixtureOptions()},
		{"checkstyle", "checkstyle", "checkstyle.golden", fixtureOptions()},
		{"github", "github", "github.golden", fixtureOptions()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkGolden(t, tt.golden, printFixture(t, tt.format, tt.opts))
		})
	}
}

func TestGitHubSummaryGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteGitHubSummary(&buf, fixtureResults(t)); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "github-summary.golden", buf.Bytes())
}

// tagStyler marks where each style applies, so a golden file shows the styling without escape
// codes.
type tagStyler struct{}

func (tagStyler) Error(s string) string   { return "{error:" + s + "}" }
func (tagStyler) Warning(s string) string { return "{warning:" + s + "}" }
func (tagStyler) Info(s string) string    { return "{info:" + s + "}" }
func (tagStyler) Path(s string) string    { return "{path:" + s + "}" }
func (tagStyler) Dim(s string) string     { return "{dim:" + s + "}" }
func (tagStyler) Bold(s string) string    { return "{bold:" + s + "}" }
