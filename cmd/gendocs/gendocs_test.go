package gendocs

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/vobizctl/vobizctl/cmd"
	"github.com/vobizctl/vobizctl/internal/iostreams"
)

// TestDocsUpToDate fails when docs/cli or docs/man differ from what the command tree generates.
// Fix it with: go run ./internal/gendocs
func TestDocsUpToDate(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	tmp := t.TempDir()
	if err := Generate(cmd.NewRootCmd(cmd.NewFactory(ios)), tmp); err != nil {
		t.Fatal(err)
	}
	for _, sub := range []string{"cli", "man"} {
		want := readDir(t, filepath.Join(tmp, sub))
		got := readDir(t, filepath.Join("..", "..", "docs", sub))
		for name, content := range want {
			if !bytes.Equal(got[name], content) {
				t.Errorf("docs/%s/%s is out of date: run `go run ./internal/gendocs`", sub, name)
			}
		}
		for name := range got {
			if _, ok := want[name]; !ok {
				t.Errorf("docs/%s/%s documents a command that no longer exists: run `go run ./internal/gendocs`", sub, name)
			}
		}
	}
}

func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = b
	}
	return files
}
