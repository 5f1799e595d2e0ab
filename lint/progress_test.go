package lint

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func TestLintFilesReportsProgressOncePerDocument(t *testing.T) {
	dir := t.TempDir()
	const n = 37
	for i := range n {
		name := filepath.Join(dir, fmt.Sprintf("doc%02d.xml", i))
		if err := os.WriteFile(name, []byte("<Response><Hangup/></Response>"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	var calls []int
	l, err := New(Options{Jobs: 4, Progress: func(done int) { calls = append(calls, done) }})
	if err != nil {
		t.Fatal(err)
	}
	results := l.LintFiles(context.Background(), []string{dir})
	if len(results) != n {
		t.Fatalf("%d results, want %d", len(results), n)
	}
	if len(calls) != n {
		t.Fatalf("Progress called %d times, want %d", len(calls), n)
	}
	for i, done := range calls {
		if done != i+1 {
			t.Fatalf("call %d reported %d done, want %d (calls: %v)", i, done, i+1, calls)
		}
	}
}

// TestLintFilesKeepsOrderAcrossBatches gives more files than fit in several batches, in an order
// that is not the lexical one, and one file alone (linted without workers): results come back in
// the order given and progress is reported once per document either way.
func TestLintFilesKeepsOrderAcrossBatches(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	for i := range 3*batchSize + 5 {
		name := filepath.Join(dir, fmt.Sprintf("doc%02d.xml", (i*7)%(3*batchSize+5)))
		body := "<Response><Hangup/></Response>"
		if i%5 == 0 {
			body = "<Response><Bogus/></Response>"
		}
		if err := os.WriteFile(name, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, name)
	}
	for _, tt := range []struct {
		name  string
		paths []string
	}{{"many", paths}, {"one", paths[:1]}} {
		t.Run(tt.name, func(t *testing.T) {
			calls := 0
			l, err := New(Options{Jobs: 3, Progress: func(int) { calls++ }})
			if err != nil {
				t.Fatal(err)
			}
			results := l.LintFiles(context.Background(), tt.paths)
			if len(results) != len(tt.paths) || calls != len(tt.paths) {
				t.Fatalf("%d results and %d progress calls for %d files", len(results), calls, len(tt.paths))
			}
			for i, r := range results {
				if r.File != tt.paths[i] {
					t.Fatalf("result %d is %s, want %s", i, r.File, tt.paths[i])
				}
				if want := i%5 == 0; (len(r.Diagnostics) > 0) != want {
					t.Errorf("%s: %d findings, want findings: %v", r.File, len(r.Diagnostics), want)
				}
			}
		})
	}
}
