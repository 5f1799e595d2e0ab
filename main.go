// Command vobizctl is the command-line toolkit for building voice applications on Vobiz.
package main

import (
	"os"

	"github.com/vobizctl/vobizctl/cmd"
)

func main() { os.Exit(cmd.Main()) }
