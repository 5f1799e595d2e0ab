package cmd

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
)

// addFormatFlag adds --format with the allowed values; the first is the default. The value is
// checked before RunE, so every command rejects a bad format the same way (exit 2).
func addFormatFlag(c *cobra.Command, target *string, allowed ...string) {
	c.Flags().StringVar(target, "format", allowed[0], fmt.Sprintf("output format: %s", strings.Join(allowed, ", ")))
	_ = c.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(allowed, cobra.ShellCompDirectiveNoFileComp))
	prev := c.PreRunE
	c.PreRunE = func(c *cobra.Command, args []string) error {
		if !slices.Contains(allowed, *target) {
			return FlagErrorf("invalid --format %q: want one of %s", *target, strings.Join(allowed, ", "))
		}
		if prev != nil {
			return prev(c, args)
		}
		return nil
	}
}
