package cmd

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/vobizctl/vobizctl/completions"
	"github.com/vobizctl/vobizctl/internal/iostreams"
)

// Command group IDs shown in `vobizctl --help`.
const (
	groupCore     = "core"
	groupPlatform = "platform"
	groupSetup    = "setup"
)

// Main runs vobizctl with the process's arguments and streams and returns the exit code.
func Main() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return Run(ctx, NewFactory(iostreams.System()), os.Args[1:])
}

// Run executes one command line and maps its outcome to an exit code, printing any error once.
func Run(ctx context.Context, f *Factory, args []string) int {
	return execute(ctx, f, NewRootCmd(f), args)
}

func execute(ctx context.Context, f *Factory, root *cobra.Command, args []string) int {
	root.SetArgs(args)
	err := suggestionAsHint(root.ExecuteContext(ctx))
	if err != nil && ctx.Err() != nil && !errors.Is(err, context.Canceled) {
		err = fmt.Errorf("%w: %v", context.Canceled, err)
	}
	printError(f, root, err)
	return ExitCode(err)
}

func printError(f *Factory, root *cobra.Command, err error) {
	var exitErr *ExitError
	if err == nil || (errors.As(err, &exitErr) && exitErr.Err == nil) {
		return
	}
	st := f.Renderer().ErrStyles
	w := f.Renderer().Err
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(w, st.Warning("interrupted"))
		return
	}
	fmt.Fprintf(w, "%s %s\n", st.Error("error:"), f.Logger().Redact(err.Error()))
	var h hinter
	if errors.As(err, &h) && h.Hint() != "" {
		fmt.Fprintf(w, "%s %s\n", st.Dim("hint:"), h.Hint())
	} else if ExitCode(err) == ExitUsage {
		fmt.Fprintf(w, "%s run '%s --help' for usage\n", st.Dim("hint:"), commandPathFor(root, err))
	}
}

// commandPathFor names the command whose help the user should read after a usage error.
func commandPathFor(root *cobra.Command, err error) string {
	var ue *usageContext
	if errors.As(err, &ue) {
		return ue.path
	}
	return root.CommandPath()
}

// usageContext remembers which command a cobra flag error came from.
type usageContext struct {
	path string
	err  error
}

func (u *usageContext) Error() string { return u.err.Error() }
func (u *usageContext) Unwrap() error { return u.err }

// NewRootCmd builds the whole command tree.
func NewRootCmd(f *Factory) *cobra.Command {
	root := &cobra.Command{
		Use:   "vobizctl <command>",
		Short: "Build, test and debug Vobiz voice applications",
		Long: `vobizctl checks Vobiz XML before a real call does, fires realistic signed webhooks at your
local server, verifies request signatures, manages Applications through the REST API, and points an
Application at a local tunnel and back. It also lints Voxtelesys VoXML and sends its webhooks.`,
		Example: `  vobizctl lint answer.xml
  vobizctl send answer --to :3000/answer
  vobizctl tunnel --port 3000 --app 12345678901234567
  vobizctl auth login --auth-id MA_XXXXXXXX --token-stdin < token.txt
  vobizctl help exit-codes`,
		Version:       f.Version.Version,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	root.SetIn(f.IO.In)
	root.SetVersionTemplate(versionLine(f) + "\n")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &usageContext{path: c.CommandPath(), err: &FlagError{Err: err}}
	})
	addGlobalFlags(root, f)
	root.CompletionOptions.DisableDefaultCmd = true
	addCommands(root,
		newLintCmd(f), newSchemaCmd(f),
		newAuthCmd(f), newVersionCmd(f), newCompletionCmd(),
		newSignCmd(f), newVerifyCmd(f),
		newSendCmd(f),
		newAppsCmd(f),
		newTunnelCmd(f),
		newExitCodesTopic(), newEnvironmentTopic(),
	)
	return root
}

// addCommands adds the commands and only the help groups that hold at least one of them.
func addCommands(root *cobra.Command, cmds ...*cobra.Command) {
	groups := []*cobra.Group{
		{ID: groupCore, Title: "Core commands:"},
		{ID: groupPlatform, Title: "Platform commands:"},
		{ID: groupSetup, Title: "Setup commands:"},
	}
	for _, g := range groups {
		for _, c := range cmds {
			if c.GroupID == g.ID {
				root.AddGroup(g)
				break
			}
		}
	}
	root.SetHelpCommandGroupID(groupSetup)
	root.AddCommand(cmds...)
}

func addGlobalFlags(root *cobra.Command, f *Factory) {
	pf := root.PersistentFlags()
	pf.StringVarP(&f.Global.Profile, "profile", "p", "", "use the named credentials profile (env VOBIZ_PROFILE)")
	pf.StringVar(&f.Global.ConfigPath, "config", "", "config file (env VOBIZCTL_CONFIG; default <user config dir>/vobizctl/config.yaml)")
	pf.BoolVar(&f.Global.NoColor, "no-color", false, "disable colour and text styling (also NO_COLOR=1)")
	pf.BoolVar(&f.Global.Debug, "debug", false, "log HTTP exchanges and config resolution to stderr (secrets redacted)")
	pf.StringVar(&f.Global.APIURL, "api-url", "", "Vobiz REST API base URL (env VOBIZ_API_URL)")
	_ = pf.MarkHidden("api-url")
	_ = root.RegisterFlagCompletionFunc("profile", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return completions.Profiles(f.Global.ConfigPath), cobra.ShellCompDirectiveNoFileComp
	})
}

// suggestionAsHint turns cobra's multi-line "unknown command … Did you mean this?" error into a
// one-line usage error with the suggestion as its hint.
func suggestionAsHint(err error) error {
	if err == nil || !strings.HasPrefix(err.Error(), "unknown command") {
		return err
	}
	msg, suggestions, found := strings.Cut(err.Error(), "\n\nDid you mean this?\n")
	msg = strings.TrimSpace(msg)
	if !found {
		return &FlagError{Err: errors.New(msg)}
	}
	names := strings.Fields(suggestions)
	return WithHint(&FlagError{Err: errors.New(msg)}, "did you mean `"+strings.Join(names, "` or `")+"`?")
}
