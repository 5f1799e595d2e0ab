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
