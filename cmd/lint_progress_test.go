package cmd

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vobizctl/vobizctl/internal/iostreams"
)

func TestLintProgressOnlyOnTerminalStderr(t *testing.T) {
	dir := t.TempDir()
	for i := range 120 {
		name := filepath.Join(dir, fmt.Sprintf("doc%03d.xml", i))
		if err := os.WriteFile(name, []byte("<Response><Hangup/></Response>\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name      string
		stderrTTY bool
		want      []string
	}{
		{"terminal", true, []string{"\r\x1b[Klinted 50 files…", "\r\x1b[Klinted 100 files…", "\r\x1b[K"}},
		{"pipe", false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, stderr := iostreams.Test()
			ios.SetTTY(false, false, tt.stderrTTY)
			code := Run(context.Background(), NewFactory(ios), []string{"lint", "--format", "text", dir})
			if code != ExitOK {
				t.Fatalf("exit %d, stderr %q", code, stderr.String())
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr.String(), w) {
					t.Errorf("stderr lacks %q: %q", w, stderr.String())
				}
			}
			if tt.want == nil && stderr.Len() != 0 {
				t.Errorf("stderr on a pipe = %q, want nothing", stderr.String())
			}
			if tt.want != nil && !strings.HasSuffix(stderr.String(), "\r\x1b[K") {
				t.Errorf("progress line not cleared at the end: %q", stderr.String())
			}
		})
	}
}
