package lint

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// corpusDir is a verbatim copy of shared/corpus/vobiz-all-xml: 110 documents from Vobiz's own
// examples (SOURCES.md gives their provenance, EXPECTED.md what the linter must say).
var corpusDir = filepath.Join("testdata", "corpus", "vobiz-all-xml")

// TestCorpus lints the whole corpus in template mode and holds exactly the findings that
// EXPECTED.md lists: one error (timeout on Gather) and the hi-IN language warnings of the four
// 07_language_selection documents — and nothing else at any severity.
func TestCorpus(t *testing.T) {
	want := []string{
		"Vobiz-All-XML/examples/07_language_selection/server__answer_L122.xml:8 warning undocumented-value",
		"Vobiz-All-XML/examples/07_language_selection/server__hindi_choice_L242.xml:3 warning undocumented-value",
		"Vobiz-All-XML/examples/07_language_selection/server__hindi_choice_L251.xml:3 warning undocumented-value",
		"Vobiz-All-XML/examples/07_language_selection/server__hindi_choice_L251.xml:7 warning undocumented-value",
		"Vobiz-All-XML/examples/07_language_selection/server__hindi_menu_L220.xml:5 warning undocumented-value",
		"Vobiz-All-XML/examples/08_number_capture/server__answer_L119.xml:6 error unknown-attribute",
	}
	l := newTestLinter(t, Options{Template: true})
	results := l.LintFiles(context.Background(), []string{corpusDir})
	if len(results) != 110 {
		t.Fatalf("linted %d corpus documents, want 110", len(results))
	}
	var got []string
	for _, r := range results {
		if r.Err != nil {
			t.Fatalf("%s: %v", r.File, r.Err)
		}
		rel, _ := filepath.Rel(corpusDir, r.File)
		for _, d := range r.Diagnostics {
			got = append(got, fmt.Sprintf("%s:%d %s %s", filepath.ToSlash(rel), d.Start.Line, d.Severity, d.Rule))
			if d.Rule == "undocumented-value" && !strings.Contains(d.Message, "`hi-IN`") {
				t.Errorf("%s: %s", rel, d.Message)
			}
		}
	}
	sort.Strings(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("corpus findings (-EXPECTED.md +got):\n%s", diff)
	}
}

// TestCorpusWithoutTemplateMode shows why template mode exists: the same documents fail on their
// placeholders.
func TestCorpusWithoutTemplateMode(t *testing.T) {
	l := newTestLinter(t, Options{})
	errs := 0
	for _, r := range l.LintFiles(context.Background(), []string{corpusDir}) {
		for _, d := range r.Diagnostics {
			if d.Severity == Error {
				errs++
			}
		}
	}
	if errs < 100 {
		t.Errorf("without template mode the corpus gave %d errors, want the placeholders reported", errs)
	}
}
