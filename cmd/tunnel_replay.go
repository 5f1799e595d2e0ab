package cmd

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vobizctl/vobizctl/internal/render"
	"github.com/vobizctl/vobizctl/tunnel"
)

type tunnelReplayOptions struct {
	tokenOptions
	Log    string
	Port   int
	To     string
	NoSign bool
	Format string
}

func newTunnelReplayCmd(f *Factory) *cobra.Command {
	opts := &tunnelReplayOptions{}
	c := &cobra.Command{
		Use:   "replay <id> --log FILE",
		Short: "Re-send a logged webhook to the local server, freshly signed",
		Long: `Re-send the request of exchange <id> (the #N of a live line) from a 'vobizctl tunnel --log FILE'
log to the local server: same method, path, headers and body, with new signature headers computed
for the same public URL, so a server that verifies against its public URL accepts it. The token
comes from --token-stdin, VOBIZ_AUTH_TOKEN or the active profile; --no-sign sends it unsigned.

The log may hold several sessions; the latest exchange with that ID is replayed. Exits 1 when the
reply is an HTTP error or its XML has lint errors, 3 when the local server does not answer.`,
		Example: `  vobizctl tunnel replay 3 --log calls.ndjson
  vobizctl tunnel replay 3 --log calls.ndjson --port 3001 --format json`,
		Args: exactArgs(1, "an exchange ID from the log"),
		RunE: func(c *cobra.Command, args []string) error {
			target, err := opts.validate()
			if err != nil {
				return inCommand(c, err)
			}
			return inCommand(c, runTunnelReplay(c.Context(), f, opts, strings.TrimPrefix(args[0], "#"), target))
		},
	}
	fl := c.Flags()
	fl.StringVar(&opts.Log, "log", "", "NDJSON log written by `vobizctl tunnel --log`")
	fl.IntVar(&opts.Port, "port", 0, "send to this port on localhost instead of the logged local server")
	fl.StringVar(&opts.To, "to", "", "send to this local server URL instead of the logged one")
	fl.BoolVar(&opts.NoSign, "no-sign", false, "send without signature headers")
	addTokenFlags(c, &opts.tokenOptions)
	addFormatFlag(c, &opts.Format, "text", "json")
	c.MarkFlagsMutuallyExclusive("port", "to")
	return c
}

// validate checks the flags and returns the --port/--to override (nil: the logged server).
func (o *tunnelReplayOptions) validate() (*url.URL, error) {
	target, err := localTarget(o.Port, o.To)
	switch {
	case err != nil:
		return nil, err
	case o.Log == "":
		return nil, FlagErrorf("missing --log FILE: the log written by `vobizctl tunnel --log FILE`")
	case o.NoSign && (o.TokenStdin || o.ParentProfile != "" || o.ParentToken != ""):
		return nil, FlagErrorf("--no-sign cannot be combined with --token-stdin, --parent-profile or --parent-token")
	}
	return target, nil
}

func runTunnelReplay(ctx context.Context, f *Factory, opts *tunnelReplayOptions, id string, target *url.URL) error {
	ex, err := readLogged(opts.Log, id)
	if err != nil {
		return err
	}
	linter, err := tunnelReplyLinter()
	if err != nil {
		return err
	}
	ropts := tunnel.ReplayOptions{Target: target, Linter: linter}
	if !opts.NoSign {
		token, parent, err := signingTokens(f, opts.tokenOptions)
		if err != nil {
			return WithHint(err, "or pass --no-sign to send the request without signatures")
		}
		if ropts.Signer, err = tunnel.NewSignatureSigner(token, parent); err != nil {
			return err
		}
		if ropts.Verifier, err = tunnel.NewSignatureVerifier(token, parent); err != nil {
			return err
		}
		ropts.Secrets = []string{token, parent}
	}
	out, err := tunnel.Replay(ctx, ex, ropts)
	if err != nil {
		return err
	}
	if err := printReplay(f, opts.Format, out); err != nil {
		return err
	}
	return replayOutcome(out)
}

func readLogged(path, id string) (tunnel.Exchange, error) {
	fh, err := os.Open(path)
	if err != nil {
		return tunnel.Exchange{}, FlagErrorf("cannot open --log %q: %v", path, errors.Unwrap(err))
	}
	defer fh.Close()
	ex, err := tunnel.FindInLog(fh, id)
	if errors.Is(err, tunnel.ErrNotInLog) {
		return ex, &FlagError{Err: WithHint(err, "the IDs are the #N shown on the live lines of `vobizctl tunnel`")}
	}
	return ex, err
}

func printReplay(f *Factory, format string, ex tunnel.Exchange) error {
	if format == "json" {
		return render.JSON(f.IO.Out, ex)
	}
	r := f.Renderer()
	writeExchangeLines(r.Out, r.Styles, ex)
	if ex.Response != nil && ex.Response.BodyEncoding == "" && ex.Response.Body != "" {
		body := strings.TrimRight(ex.Response.Body, "\n")
		_, err := fmt.Fprintf(r.Out, "    %s\n", strings.ReplaceAll(body, "\n", "\n    "))
		return err
	}
	return nil
}

// replayOutcome turns the replayed exchange into the exit code: 3 without an answer, 1 for an
// HTTP error or a reply with lint errors.
func replayOutcome(ex tunnel.Exchange) error {
	switch {
	case ex.Error != "":
		return &ExitError{Code: ExitCannotRun, Err: errors.New(ex.Error)}
	case ex.Response != nil && ex.Response.Status >= 400, ex.Lint != nil && ex.Lint.Errors > 0:
		return &ExitError{Code: ExitFindings}
	}
	return nil
}
