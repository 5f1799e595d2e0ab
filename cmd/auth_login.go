package cmd

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vobizctl/vobizctl/internal/config"
)

type loginOptions struct {
	AuthID     string
	TokenStdin bool
	Default    bool
}

func newAuthLoginCmd(f *Factory) *cobra.Command {
	opts := &loginOptions{}
	c := &cobra.Command{
		Use:   "login",
		Short: "Save an auth ID and token in a profile",
		Long: `Save an auth ID and token in a profile of the config file (mode 0600).

On a terminal, missing values are prompted for (the token without echo). Without a terminal it never
prompts: pass --auth-id and the token on standard input with --token-stdin. The first profile saved
becomes the default; --default makes this one the default.`,
		Example: `  vobizctl auth login
  vobizctl auth login --profile prod --auth-id MA_XXXXXXXX --token-stdin < token.txt
  printf %s "$VOBIZ_TOKEN" | vobizctl auth login --auth-id MA_XXXXXXXX --token-stdin`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error { return runLogin(f, opts) },
	}
	c.Flags().StringVar(&opts.AuthID, "auth-id", "", "auth ID (MA_… or SA_…)")
	c.Flags().BoolVar(&opts.TokenStdin, "token-stdin", false, "read the auth token from standard input")
	c.Flags().BoolVar(&opts.Default, "default", false, "make this profile the default")
	return c
}

func runLogin(f *Factory, opts *loginOptions) error {
	cfg, err := f.Config()
	if err != nil {
		return err
	}
	profile := cfg.Profile.Value
	if err := config.ValidateProfileName(profile); err != nil {
		return &FlagError{Err: err}
	}
	authID, token, err := loginValues(f, opts)
	if err != nil {
		return err
	}
	st, errw := f.Renderer().ErrStyles, f.Renderer().Err
	if !config.LooksLikeAuthID(authID) {
		fmt.Fprintf(errw, "%s auth ID %q does not look like MA_… (main account) or SA_… (sub-account); saving it anyway\n", st.Warning("warning:"), authID)
	}
	p := cfg.File.Profiles[profile]
	p.AuthID, p.AuthToken = authID, token
	if err := cfg.SaveProfile(profile, p, opts.Default); err != nil {
		return err
	}
	fmt.Fprintf(errw, "%s Saved %s (token %s) in profile %q of %s\n", st.Success("✓"), authID, config.Redact(token), profile, cfg.Path)
	return nil
}

func loginValues(f *Factory, opts *loginOptions) (authID, token string, err error) {
	in := bufio.NewReader(f.IO.In)
	authID = strings.TrimSpace(opts.AuthID)
	if opts.TokenStdin {
		if token, err = readToken(in); err != nil {
			return "", "", err
		}
	}
	if authID == "" {
		if opts.TokenStdin || !f.IO.CanPrompt() {
			return "", "", FlagErrorf("missing --auth-id: no terminal to prompt on, so pass it as a flag")
		}
		if authID, err = prompt(f, in, "Auth ID: "); err != nil {
			return "", "", err
		}
	}
	if token == "" {
		if !f.IO.CanPrompt() {
			return "", "", FlagErrorf("missing auth token: no terminal to prompt on, so pass it on standard input with --token-stdin")
		}
		fmt.Fprint(f.IO.ErrOut, "Auth token (input hidden): ")
		token, err = f.IO.ReadPassword()
		fmt.Fprintln(f.IO.ErrOut)
		if err != nil {
			return "", "", fmt.Errorf("cannot read the token from the terminal: %w", err)
		}
	}
	if authID == "" || strings.TrimSpace(token) == "" {
		return "", "", FlagErrorf("auth ID and token must not be empty")
	}
	return authID, strings.TrimSpace(token), nil
}

// readToken reads a token from r (all of it, whitespace trimmed), for --token-stdin.
func readToken(r io.Reader) (string, error) {
	b, err := io.ReadAll(io.LimitReader(r, 64<<10))
	if err != nil {
		return "", fmt.Errorf("cannot read the token from standard input: %w", err)
	}
	token := strings.TrimSpace(string(b))
	if token == "" {
		return "", FlagErrorf("--token-stdin: standard input is empty; pipe the token in, e.g. `vobizctl auth login --token-stdin < token.txt`")
	}
	if strings.ContainsAny(token, " \t\r\n") {
		return "", FlagErrorf("--token-stdin: standard input holds more than one word; it must hold only the token")
	}
	return token, nil
}

func prompt(f *Factory, in *bufio.Reader, label string) (string, error) {
	fmt.Fprint(f.IO.ErrOut, label)
	line, err := in.ReadString('\n')
	if err != nil && line == "" {
		return "", fmt.Errorf("cannot read from the terminal: %w", err)
	}
	return strings.TrimSpace(line), nil
}
