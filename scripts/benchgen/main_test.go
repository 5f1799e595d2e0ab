package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/vobizctl/vobizctl/lint"
)

// TestCorpusLintsClean keeps the benchmark honest: its documents are the clean call flows a team
// would ship, so the run measures checking, not reporting; the large one has only the size finding.
func TestCorpusLintsClean(t *testing.T) {
	dir := t.TempDir()
	if _, err := writeCorpus(dir, 400, 7, 300<<10); err != nil {
		t.Fatal(err)
	}
	l, err := lint.New(lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	results := l.LintFiles(context.Background(), []string{filepath.Join(dir, "docs")})
	if len(results) != 400 {
		t.Fatalf("%d documents linted, want 400", len(results))
	}
	for _, r := range results {
		if r.Err != nil || len(r.Diagnostics) > 0 {
			t.Errorf("%s: err %v, findings %v", r.File, r.Err, r.Diagnostics)
		}
	}
	large := l.LintFiles(context.Background(), []string{filepath.Join(dir, "large.xml")})
	if len(large[0].Diagnostics) != 1 || large[0].Diagnostics[0].Rule != lint.RuleDocumentSize {
		t.Errorf("large document: want only %s, got %v", lint.RuleDocumentSize, large[0].Diagnostics)
	}
}

func TestCorpusIsSeeded(t *testing.T) {
	read := func(seed uint64) []byte {
		dir := t.TempDir()
		if _, err := writeCorpus(dir, 8, seed, 0); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dir, "docs", "00", "transfer-00007.xml"))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	if !bytes.Equal(read(3), read(3)) {
		t.Error("the same seed gave different documents")
	}
	if bytes.Equal(read(3), read(4)) {
		t.Error("different seeds gave the same document")
	}
}

func TestLargeDocumentSize(t *testing.T) {
	for _, size := range []int{1 << 10, 1 << 20} {
		doc := newGen(1).largeDocument(size)
		if len(doc) < size || len(doc) > size+2048 {
			t.Errorf("largeDocument(%d) is %d bytes", size, len(doc))
		}
	}
}
