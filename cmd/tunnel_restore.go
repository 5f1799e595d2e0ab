package cmd

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/vobizctl/vobizctl/internal/api"
	"github.com/vobizctl/vobizctl/internal/render"
	"github.com/vobizctl/vobizctl/tunnel"
)

type tunnelRestoreOptions struct {
	AppID  string
	Force  bool
	Format string
}

// restoreResult is one application's outcome in `tunnel restore --format json`.
type restoreResult struct {
	AppID   string         `json:"app_id"`
	Outcome tunnel.Outcome `json:"outcome,omitempty"`
	URLs    tunnel.URLSet  `json:"urls,omitempty"`
	Error   string         `json:"error,omitempty"`
}

func newTunnelRestoreCmd(f *Factory) *cobra.Command {
	opts := &tunnelRestoreOptions{}
	c := &cobra.Command{
		Use:   "restore [--app APP_ID] [--force]",
		Short: "Put back the Application URLs a crashed tunnel left behind",
		Long: `Put back the URLs that 'vobizctl tunnel --app' saved in its restore journal, for an Application
a killed tunnel left pointing at a dead URL. Without --app, every journal of the current account
is restored.

An Application that was edited after the tunnel changed it is left alone and its journal kept:
--force puts the original URLs back anyway (and overrides a tunnel that still seems to run).
Exits 0 when there was nothing to restore.`,
		Example: `  vobizctl tunnel restore
  vobizctl tunnel restore --app 12345678901234567 --force`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error { return inCommand(c, runTunnelRestore(c.Context(), f, opts)) },
	}
	c.Flags().StringVar(&opts.AppID, "app", "", "restore only this Application")
	c.Flags().BoolVar(&opts.Force, "force", false, "restore even over someone else's change, or while a tunnel holds the Application")
	addFormatFlag(c, &opts.Format, "text", "json")
	return c
}

func runTunnelRestore(ctx context.Context, f *Factory, opts *tunnelRestoreOptions) error {
	client, err := newAPIClient(f, api.RetryPolicy{}, 0)
	if err != nil {
		return err
	}
	cfg, _ := f.Config() // loaded by newAPIClient
	swapper := newSwapper(f, cfg, tunnel.APIStore{Client: client})
	ids, err := restoreTargets(swapper, opts.AppID)
	if err != nil {
		return err
	}
	var results []restoreResult
	var firstErr error
	for _, id := range ids {
		res, err := restoreOne(ctx, swapper, id, opts.Force)
		results = append(results, res)
		if err != nil {
			firstErr = cmpFirst(firstErr, err)
			if opts.Format != "json" {
				printRestoreError(f.Renderer(), err)
			}
		}
	}
	if err := printRestoreResults(f, opts.Format, results); err != nil {
		return err
	}
	if firstErr != nil {
		return &ExitError{Code: ExitCode(apiError(firstErr))}
	}
	return nil
}

// restoreTargets is --app, or every application with a journal of this account.
func restoreTargets(s *tunnel.Swapper, appID string) ([]string, error) {
	if appID != "" {
		return []string{appID}, nil
	}
	pending, err := s.Pending()
	ids := make([]string, 0, len(pending))
	for _, j := range pending {
		ids = append(ids, j.AppID)
	}
	return ids, err
}

// restoreOne restores one application; a missing journal is a result ("nothing to restore"),
// not an error.
func restoreOne(ctx context.Context, s *tunnel.Swapper, appID string, force bool) (restoreResult, error) {
	rep, err := s.RestoreApp(ctx, appID, force)
	switch {
	case errors.Is(err, tunnel.ErrNoJournal):
		return restoreResult{AppID: appID}, nil
	case err != nil:
		return restoreResult{AppID: appID, Error: err.Error()}, err
	}
	return restoreResult{AppID: appID, Outcome: rep.Outcome, URLs: rep.URLs}, nil
}

func cmpFirst(first, err error) error {
	if first != nil {
		return first
	}
	return err
}

func printRestoreError(r *render.Renderer, err error) {
	fmt.Fprintf(r.Err, "%s %v\n", r.ErrStyles.Error("error:"), err)
	var h interface{ Hint() string }
	if errors.As(err, &h) {
		fmt.Fprintf(r.Err, "%s %s\n", r.ErrStyles.Dim("hint:"), h.Hint())
	}
}

func printRestoreResults(f *Factory, format string, results []restoreResult) error {
	if format == "json" {
		if results == nil {
			results = []restoreResult{}
		}
		return render.JSON(f.IO.Out, results)
	}
	r := f.Renderer()
	if len(results) == 0 {
		_, err := fmt.Fprintln(r.Out, "Nothing to restore: no tunnel left an Application behind.")
		return err
	}
	for _, res := range results {
		var err error
		switch res.Outcome {
		case tunnel.Restored:
			_, err = fmt.Fprintf(r.Out, "%s application %s restored: %s\n", r.Styles.Success("✓"), res.AppID, describeURLs(res.URLs))
		case tunnel.AlreadyRestored:
			_, err = fmt.Fprintf(r.Out, "%s application %s already had its original URLs; journal removed\n", r.Styles.Success("✓"), res.AppID)
		case tunnel.ForcedRestore:
			_, err = fmt.Fprintf(r.Out, "%s application %s restored over a later change (--force): %s\n", r.Styles.Warning("!"), res.AppID, describeURLs(res.URLs))
		case "":
			if res.Error == "" {
				_, err = fmt.Fprintf(r.Out, "Nothing to restore for application %s.\n", res.AppID)
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}
