package lint

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// tree creates files (path → content) under a temporary directory and returns it.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// summary renders results as "file: n findings" or "file: error", relative to dir.
func summary(dir string, results []Result) []string {
	var out []string
	for _, r := range results {
		name := strings.TrimPrefix(filepath.ToSlash(r.File), filepath.ToSlash(dir)+"/")
		switch {
		case r.Err != nil:
			out = append(out, name+": error")
		default:
			out = append(out, name+": "+strconv.Itoa(len(r.Diagnostics)))
		}
	}
	return out
}

func TestLintFiles(t *testing.T) {
	dir := tree(t, map[string]string{
		"b.xml":              "<Response/>",
		"a.xml":              "<Response><Bad/></Response>",
		"sub/c.XML":          "<Response><Wait foo='1'/></Response>",
		"sub/deep/d.xml":     "<Response/>",
		"sub/notes.txt":      "not xml",
		".git/e.xml":         "<Response><Bad/></Response>",
		"sub/.hidden/f.xml":  "<Response><Bad/></Response>",
		"flows/x/answer.xml": "<Response><Hangup/></Response>",
	})
	if err := os.Symlink(filepath.Join(dir, "missing-target"), filepath.Join(dir, "sub", "broken.xml")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		paths []string
		want  []string
	}{
		{"directory: recursive, sorted, hidden skipped, unreadable reported",
			[]string{dir}, []string{"a.xml: 1", "b.xml: 0", "flows/x/answer.xml: 0", "sub/broken.xml: error", "sub/c.XML: 1", "sub/deep/d.xml: 0"}},
		{"files keep the given order",
			[]string{filepath.Join(dir, "b.xml"), filepath.Join(dir, "a.xml")}, []string{"b.xml: 0", "a.xml: 1"}},
		{"glob", []string{filepath.Join(dir, "*.xml")}, []string{"a.xml: 1", "b.xml: 0"}},
		{"double-star glob", []string{filepath.Join(dir, "**", "*.xml")},
			[]string{"a.xml: 1", "b.xml: 0", "flows/x/answer.xml: 0", "sub/broken.xml: error", "sub/deep/d.xml: 0"}},
		{"repeats are linted once", []string{filepath.Join(dir, "a.xml"), filepath.Join(dir, "a.xml")}, []string{"a.xml: 1"}},
		{"missing path and empty glob are errors, the rest is linted",
			[]string{filepath.Join(dir, "nope.xml"), filepath.Join(dir, "*.json"), filepath.Join(dir, "b.xml")},
			[]string{"nope.xml: error", "*.json: error", "b.xml: 0"}},
	}
	l := newTestLinter(t, Options{Jobs: 3})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := summary(dir, l.LintFiles(context.Background(), tt.paths))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestLintFilesStdin(t *testing.T) {
	l := newTestLinter(t, Options{Stdin: strings.NewReader("<Response><Bad/></Response>")})
	res := l.LintFiles(context.Background(), []string{"-"})
	if len(res) != 1 || res[0].File != StdinName || len(res[0].Diagnostics) != 1 {
		t.Errorf("stdin result = %+v", res)
	}
	noStdin := newTestLinter(t, Options{})
	if res := noStdin.LintFiles(context.Background(), []string{"-"}); res[0].Err == nil {
		t.Error("reading stdin without a reader succeeded")
	}
}

func TestLintFilesCancelled(t *testing.T) {
	dir := tree(t, map[string]string{"a.xml": "<Response/>", "b.xml": "<Response/>"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, r := range newTestLinter(t, Options{}).LintFiles(ctx, []string{dir}) {
		if !errors.Is(r.Err, context.Canceled) {
			t.Errorf("%s: err = %v, want context.Canceled", r.File, r.Err)
		}
	}
}

func TestMatchDoublestar(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		{"a/**/*.xml", "a/b.xml", true},
		{"a/**/*.xml", "a/x/y/b.xml", true},
		{"a/**/*.xml", "b/x.xml", false},
		{"./a/**", "a/x/y", true},
		{"**/answer.xml", "flows/x/answer.xml", true},
		{"**/answer.xml", "flows/x/other.xml", false},
	}
	for _, tt := range tests {
		if got := matchDoublestar(tt.pattern, tt.name); got != tt.want {
			t.Errorf("matchDoublestar(%q, %q) = %v, want %v", tt.pattern, tt.name, got, tt.want)
		}
	}
}

// TestLintFilesLargeDocument lints a document above the mapping threshold: its findings and
// source come back like any other document's.
func TestLintFilesLargeDocument(t *testing.T) {
	doc := largeDoc(mapThreshold + 4096)
	dir := tree(t, map[string]string{"big.xml": string(doc), "small.xml": "<Response><Bad/></Response>"})
	res := newTestLinter(t, Options{}).LintFiles(context.Background(), []string{dir})
	if len(res) != 2 || res[0].Err != nil || len(res[0].Diagnostics) != 1 || res[0].Diagnostics[0].Rule != RuleDocumentSize {
		t.Fatalf("big.xml result: %+v", res[0].Diagnostics)
	}
	if string(res[0].Source) != string(doc) {
		t.Error("big.xml: Source differs from the file")
	}
	if string(res[1].Source) != "<Response><Bad/></Response>" {
		t.Errorf("small.xml: Source = %q", res[1].Source)
	}
}

// TestReadFileSize reads files with and without the size the expansion saw: a known size is read
// to that many bytes (also past the worker's buffer), an unknown one to the end of the file.
func TestReadFileSize(t *testing.T) {
	content := strings.Repeat("0123456789", 5000) // larger than the 16 KB worker buffer
	dir := tree(t, map[string]string{"a.xml": content, "empty.xml": ""})
	tests := []struct {
		name string
		file string
		size int64
		want string
	}{
		{"unknown size", "a.xml", -1, content},
		{"known size", "a.xml", int64(len(content)), content},
		{"grew after the stat: stops after the read that passes the size", "a.xml", 10, content[:16<<10]},
		{"empty", "empty.xml", 0, ""},
		{"empty, unknown size", "empty.xml", -1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, release, err := readFile(filepath.Join(dir, tt.file), make([]byte, 16<<10), tt.size)
			if err != nil {
				t.Fatal(err)
			}
			if string(src) != tt.want {
				t.Errorf("read %d bytes, want %d", len(src), len(tt.want))
			}
			if release != nil {
				release()
			}
		})
	}
}

// TestLintFilesTooLarge reports a document over the size limit as an error without reading it:
// the file is sparse, so the test writes nothing.
func TestLintFilesTooLarge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.xml")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(maxDocumentBytes + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	res := newTestLinter(t, Options{}).LintFiles(context.Background(), []string{path})
	if len(res) != 1 || res[0].Err == nil || !strings.Contains(res[0].Err.Error(), "up to 1 GiB") {
		t.Fatalf("results %+v", res)
	}
}
