package cmd

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// environmentHelp lists every environment variable vobizctl reads.
const environmentHelp = `VOBIZ_AUTH_ID       Auth ID (MA_… main account, SA_… sub-account); overrides the profile.
VOBIZ_AUTH_TOKEN    Auth token; overrides the profile. Never printed: shown as ****last4.
VOBIZ_PROFILE       Profile to use when --profile is not given.
VOBIZ_API_URL       REST API base URL (default https://api.vobiz.ai/api/v1); for tests and proxies.
VOBIZCTL_CONFIG     Config file path when --config is not given
                    (default <user config dir>/vobizctl/config.yaml, e.g. ~/.config/vobizctl/config.yaml).
XDG_CONFIG_HOME     On Linux, the user config directory (default ~/.config).
NO_COLOR            Any value turns colour off (https://no-color.org).
CLICOLOR_FORCE      1 forces colour even when output is not a terminal.
CLICOLOR            0 turns colour off.
TERM                "dumb" turns colour and styling off.
NGROK_AUTHTOKEN     ngrok authtoken for 'tunnel --provider ngrok' (overrides the profile's ngrok_authtoken).
VOBIZCTL_CLOUDFLARED Path of the cloudflared binary for 'tunnel' (default: cloudflared on PATH).
GITHUB_ACTIONS      "true" makes lint default to GitHub workflow annotations.
GITHUB_STEP_SUMMARY File that lint appends a Markdown summary of all findings to on GitHub Actions.
GITHUB_WORKSPACE    Repository root that lint's sarif and github formats name files relative to
                    (default: the enclosing git work tree, else the working directory).

Precedence for every setting: flag > environment variable > profile in the config file > default.
Run 'vobizctl auth status' to see which source each value came from.`

func newExitCodesTopic() *cobra.Command {
	var b strings.Builder
	b.WriteString("vobizctl exits with one of these codes, so scripts and CI can tell outcomes apart:\n\n")
	for _, row := range exitCodeTable {
		fmt.Fprintf(&b, "  %3d  %s\n", row.Code, row.Meaning)
	}
	b.WriteString("\nFindings (lint problems, a signature that does not match, a webhook reply that fails its\nchecks) are data, reported with exit 1; problems running the command are 2, 3 or 4.")
	return &cobra.Command{Use: "exit-codes", Short: "Exit codes and what they mean", Long: b.String()}
}

func newEnvironmentTopic() *cobra.Command {
	return &cobra.Command{
		Use:   "environment",
		Short: "Environment variables vobizctl reads",
		Long:  environmentHelp,
	}
}
