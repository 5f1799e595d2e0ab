package cmd

import (
	"github.com/spf13/cobra"
)

func newCompletionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "completion <bash|zsh|fish|powershell>",
		Short: "Print a shell completion script",
		Long: `Print a completion script for your shell. Completion covers commands, flags, and dynamic
values such as profile names.

Bash (needs the bash-completion package):
  echo 'source <(vobizctl completion bash)' >> ~/.bashrc
  # or, system-wide:
  vobizctl completion bash > /etc/bash_completion.d/vobizctl

Zsh:
  # once, if completion is not enabled yet:
  echo 'autoload -U compinit; compinit' >> ~/.zshrc
  vobizctl completion zsh > "${fpath[1]}/_vobizctl"

Fish:
  vobizctl completion fish > ~/.config/fish/completions/vobizctl.fish

PowerShell:
  vobizctl completion powershell | Out-String | Invoke-Expression
  # to load it in every session, add that line to your $PROFILE

Start a new shell for the change to take effect.`,
		Example: `  source <(vobizctl completion bash)
  vobizctl completion zsh > "${fpath[1]}/_vobizctl"`,
		GroupID:               groupSetup,
		ValidArgs:             []string{"bash", "zsh", "fish", "powershell"},
		Args:                  exactValidArg,
		DisableFlagsInUseLine: true,
		RunE: func(c *cobra.Command, args []string) error {
			root, out := c.Root(), c.OutOrStdout()
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(out, true)
			case "zsh":
				return root.GenZshCompletion(out)
			case "fish":
				return root.GenFishCompletion(out, true)
			default:
				return root.GenPowerShellCompletionWithDesc(out)
			}
		},
	}
}

// exactValidArg requires exactly one argument from ValidArgs, as a usage error naming the set.
func exactValidArg(c *cobra.Command, args []string) error {
	if len(args) != 1 {
		return FlagErrorf("%s takes exactly one argument: %v", c.Name(), c.ValidArgs)
	}
	for _, v := range c.ValidArgs {
		if args[0] == v {
			return nil
		}
	}
	return FlagErrorf("invalid argument %q for %s: want one of %v", args[0], c.Name(), c.ValidArgs)
}
