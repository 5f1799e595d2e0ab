// Package gendocs generates the command reference (docs/cli Markdown and docs/man man pages) from
// the cobra command tree. It is a package of its own, not part of cmd, so that the vobizctl binary
// does not link cobra/doc and its Markdown stack (go-md2man, blackfriday), whose package init
// would otherwise run at the start of every command; only `go run ./internal/gendocs` and the
// docs freshness test import it.
package gendocs

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// manDate is fixed so regenerating the man pages does not change them unless the commands change.
var manDate = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

// Generate writes the command reference from the cobra tree, Markdown to dir/cli and man pages to
// dir/man, replacing what was there, so docs/cli and docs/man are generated, never hand-edited.
func Generate(root *cobra.Command, dir string) error {
	root.DisableAutoGenTag = true
	md, man := filepath.Join(dir, "cli"), filepath.Join(dir, "man")
	for _, d := range []string{md, man} {
		if err := os.RemoveAll(d); err != nil {
			return err
		}
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	if err := doc.GenMarkdownTree(root, md); err != nil {
		return fmt.Errorf("markdown: %w", err)
	}
	header := &doc.GenManHeader{Title: "VOBIZCTL", Section: "1", Source: "vobizctl", Manual: "vobizctl manual", Date: &manDate}
	if err := doc.GenManTree(root, header, man); err != nil {
		return fmt.Errorf("man pages: %w", err)
	}
	return nil
}
