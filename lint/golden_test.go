package lint

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/ and docs/rules.md")

func newTestLinter(t testing.TB, opts Options) *Linter {
	t.Helper()
	l, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// formatGolden renders diagnostics in the stable text form the .out golden files hold.
func formatGolden(diags []Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "%d:%d-%d:%d %s [%s] %s\n", d.Start.Line, d.Start.Col, d.End.Line, d.End.Col, d.Severity, d.Rule, d.Message)
		if d.Hint != "" {
			fmt.Fprintf(&b, "    hint: %s\n", d.Hint)
		}
		if d.Fix != nil {
			fmt.Fprintf(&b, "    fix: %s\n", d.Fix.Description)
		}
	}
	return b.String()
}

// checkGolden compares got with the golden file, or rewrites it with -update.
func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./lint -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

func goldenFiles(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", dir, "*.xml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden documents in testdata/%s: %v", dir, err)
	}
	return files
}

// goldenSets are the folders of golden documents under testdata/ (each with valid/ and
// invalid/) and the dialect they are linted as.
var goldenSets = []struct{ dir, dialect string }{
	{".", "vobiz"},
	{"voxtelesys", "voxtelesys"},
}

// TestValidDocuments lints every valid golden document and expects no finding at all.
func TestValidDocuments(t *testing.T) {
	for _, set := range goldenSets {
		l := newTestLinter(t, Options{Dialect: set.dialect})
		for _, path := range goldenFiles(t, filepath.Join(set.dir, "valid")) {
			t.Run(path, func(t *testing.T) {
				src, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				if got := formatGolden(l.LintBytes(path, src).Diagnostics); got != "" {
					t.Errorf("want no findings, got:\n%s", got)
				}
			})
		}
	}
}

// TestInvalidDocuments lints every invalid golden document (in template mode when its name
// contains ".tmpl.") and compares the findings with the .out file beside it.
func TestInvalidDocuments(t *testing.T) {
	for _, set := range goldenSets {
		plain := newTestLinter(t, Options{Dialect: set.dialect})
		tmpl := newTestLinter(t, Options{Dialect: set.dialect, Template: true})
		for _, path := range goldenFiles(t, filepath.Join(set.dir, "invalid")) {
			t.Run(path, func(t *testing.T) {
				src, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				l := plain
				if strings.Contains(filepath.Base(path), ".tmpl.") {
					l = tmpl
				}
				res := l.LintBytes(path, src)
				if len(res.Diagnostics) == 0 {
					t.Fatal("an invalid document gave no findings")
				}
				checkGolden(t, strings.TrimSuffix(path, ".xml")+".out", formatGolden(res.Diagnostics))
			})
		}
	}
}

// TestDetectDocuments lints the documents of testdata/detect with the dialect detected, and
// compares the dialect, its reason and the findings with the .out file beside each.
func TestDetectDocuments(t *testing.T) {
	l := newTestLinter(t, Options{Dialect: AutoDialect})
	for _, path := range goldenFiles(t, "detect") {
		t.Run(path, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			res := l.LintBytes(path, src)
			got := fmt.Sprintf("dialect %s (%s)\n", res.Dialect, res.DialectReason) + formatGolden(res.Diagnostics)
			checkGolden(t, strings.TrimSuffix(path, ".xml")+".out", got)
		})
	}
}

// TestEveryRuleHasAnInvalidDocument checks that the goldens exercise every rule.
func TestEveryRuleHasAnInvalidDocument(t *testing.T) {
	seen := map[string]bool{}
	var outs []string
	for _, dir := range []string{"invalid", "voxtelesys/invalid", "detect"} {
		o, _ := filepath.Glob(filepath.Join("testdata", dir, "*.out"))
		outs = append(outs, o...)
	}
	for _, path := range outs {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range bytes.Split(b, []byte("\n")) {
			if i, j := bytes.IndexByte(line, '['), bytes.IndexByte(line, ']'); i > 0 && j > i && line[0] != ' ' {
				seen[string(line[i+1:j])] = true
			}
		}
	}
	var missing []string
	for _, r := range Rules() {
		if !seen[r.ID] {
			missing = append(missing, r.ID)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("rules without an invalid golden document: %v", missing)
	}
}
