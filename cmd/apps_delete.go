package cmd

import (
	"bufio"
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vobizctl/vobizctl/internal/api"
)

type appsDeleteOptions struct{ Yes bool }

func newAppsDeleteCmd(f *Factory) *cobra.Command {
	opts := &appsDeleteOptions{}
	c := &cobra.Command{
		Use:   "delete <app-id>",
		Short: "Delete an application",
		Long: `Delete an application. On a terminal it asks for confirmation first; without a terminal (scripts,
CI) it refuses unless --yes is given.

Vobiz refuses to delete an application while phone numbers are attached to it (exit 3): detach
the numbers, or attach them to another application, then delete again.`,
		Example: `  vobizctl apps delete 12345678901234567
  vobizctl apps delete 12345678901234567 --yes`,
		Args:              appArg(),
		ValidArgsFunction: appIDCompletion(f),
		RunE: func(c *cobra.Command, args []string) error {
			return inCommand(c, runAppsDelete(c.Context(), f, args[0], opts))
		},
	}
	c.Flags().BoolVarP(&opts.Yes, "yes", "y", false, "delete without asking for confirmation")
	return c
}

func runAppsDelete(ctx context.Context, f *Factory, appID string, opts *appsDeleteOptions) error {
	if err := api.ValidateAppID(appID); err != nil {
		return apiError(err)
	}
	if !opts.Yes && !f.IO.CanPrompt() {
		return WithHint(FlagErrorf("refusing to delete application %q without confirmation: there is no terminal to ask on", appID),
			"pass --yes to delete without asking")
	}
	client, err := newAPIClient(f, api.RetryPolicy{}, 0)
	if err != nil {
		return err
	}
	r := f.Renderer()
	if !opts.Yes {
		ok, err := confirmDelete(ctx, f, client, appID)
		if err != nil || !ok {
			return err
		}
	}
	if err := client.DeleteApplication(ctx, appID); err != nil {
		return apiError(err)
	}
	fmt.Fprintf(r.Err, "%s Deleted application %s\n", r.ErrStyles.Success("✓"), appID)
	return nil
}

// confirmDelete shows which app would go (fetching it also catches a wrong ID before asking)
// and asks on the terminal; only "y" or "yes" confirms.
func confirmDelete(ctx context.Context, f *Factory, client *api.Client, appID string) (bool, error) {
	app, err := client.GetApplication(ctx, appID)
	if err != nil {
		return false, apiError(err)
	}
	r := f.Renderer()
	fmt.Fprintf(r.Err, "Delete application %q (%s, answer URL %s)? [y/N] ", app.AppName, app.AppID, app.AnswerURL)
	line, _ := bufio.NewReader(f.IO.In).ReadString('\n')
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return true, nil
	}
	fmt.Fprintf(r.Err, "Cancelled: application %s was not deleted\n", appID)
	return false, nil
}
