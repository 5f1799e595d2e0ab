// Command gendocs regenerates docs/cli (Markdown) and docs/man (man pages) from the command tree:
//
//	go run ./internal/gendocs
package main

import (
	"fmt"
	"os"

	"github.com/vobizctl/vobizctl/cmd"
	"github.com/vobizctl/vobizctl/cmd/gendocs"
	"github.com/vobizctl/vobizctl/internal/iostreams"
)

func main() {
	dir := "docs"
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	root := cmd.NewRootCmd(cmd.NewFactory(iostreams.System()))
	if err := gendocs.Generate(root, dir); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}
