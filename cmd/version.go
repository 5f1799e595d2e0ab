package cmd

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vobizctl/vobizctl/internal/render"
)

type versionOptions struct{ Format string }

func newVersionCmd(f *Factory) *cobra.Command {
	opts := &versionOptions{}
	c := &cobra.Command{
		Use:     "version",
		Short:   "Print the version, commit and build date",
		Args:    cobra.NoArgs,
		GroupID: groupSetup,
		Example: `  vobizctl version
  vobizctl version --format json`,
		RunE: func(c *cobra.Command, _ []string) error {
			if opts.Format == "json" {
				return render.JSON(f.IO.Out, f.Version)
			}
			_, err := fmt.Fprintln(f.IO.Out, versionLine(f))
			return err
		},
	}
	addFormatFlag(c, &opts.Format, "text", "json")
	return c
}

func versionLine(f *Factory) string {
	v := f.Version
	var extra []string
	if v.Commit != "" {
		extra = append(extra, "commit "+v.Commit)
	}
	if v.Date != "" {
		extra = append(extra, "built "+v.Date)
	}
	if v.Go != "" {
		extra = append(extra, v.Go)
	}
	line := "vobizctl version " + v.Version
	if len(extra) > 0 {
		line += " (" + strings.Join(extra, ", ") + ")"
	}
	return line
}
