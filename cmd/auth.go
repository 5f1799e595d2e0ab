package cmd

import (
	"github.com/spf13/cobra"
)

func newAuthCmd(f *Factory) *cobra.Command {
	c := &cobra.Command{
		Use:   "auth <command>",
		Short: "Manage credentials and profiles",
		Long: `Store Vobiz credentials in named profiles and see which credentials a command will use.

Credentials are resolved with the precedence flag > environment (VOBIZ_AUTH_ID, VOBIZ_AUTH_TOKEN,
VOBIZ_PROFILE, VOBIZ_API_URL) > profile in the config file > defaults. The config file is written
with mode 0600; tokens are never printed in full.`,
		Example: `  vobizctl auth login --auth-id MA_XXXXXXXX --token-stdin < token.txt
  vobizctl auth status
  vobizctl auth profiles`,
		GroupID: groupSetup,
		Args:    cobra.NoArgs,
	}
	c.AddCommand(newAuthLoginCmd(f), newAuthStatusCmd(f), newAuthLogoutCmd(f),
		newAuthProfilesCmd(f), newAuthUseCmd(f))
	return c
}

// profileArgCompletion completes profile names for commands that take one as an argument.
func profileArgCompletion(f *Factory) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return profilesFor(f), cobra.ShellCompDirectiveNoFileComp
	}
}
