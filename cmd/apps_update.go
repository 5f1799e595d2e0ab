package cmd

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/vobizctl/vobizctl/internal/api"
	"github.com/vobizctl/vobizctl/internal/render"
)

type appsUpdateOptions struct {
	Fields appFieldFlags
	Format string
}

func newAppsUpdateCmd(f *Factory) *cobra.Command {
	opts := &appsUpdateOptions{}
	c := &cobra.Command{
		Use:   "update <app-id> [flags]",
		Short: "Change fields of an application",
		Long: `Change an application's fields. Only the flags you give are sent; every other field keeps its
value. A boolean flag can be turned off explicitly (--default-number-app=false), and an empty
--fallback-answer-url or --message-url clears that URL. The same checks as create run first.`,
		Example: `  vobizctl apps update 12345678901234567 --answer-url https://example.com/v2/answer
  vobizctl apps update 12345678901234567 --default-number-app=false --fallback-answer-url ""`,
		Args:              appArg(),
		ValidArgsFunction: appIDCompletion(f),
		RunE: func(c *cobra.Command, args []string) error {
			return inCommand(c, runAppsUpdate(c.Context(), f, args[0], opts, opts.Fields.updateParams(c.Flags())))
		},
	}
	opts.Fields.register(c.Flags())
	addFormatFlag(c, &opts.Format, "text", "json")
	return c
}

func runAppsUpdate(ctx context.Context, f *Factory, appID string, opts *appsUpdateOptions, params api.UpdateParams) error {
	if err := api.ValidateAppID(appID); err != nil {
		return apiError(err)
	}
	if params == (api.UpdateParams{}) {
		return apiError(api.ErrNothingToUpdate)
	}
	if err := params.Validate(); err != nil {
		return apiError(err)
	}
	warnPlainHTTP(f, opts.Fields.urls())
	client, err := newAPIClient(f, api.RetryPolicy{}, 0)
	if err != nil {
		return err
	}
	res, err := client.UpdateApplication(ctx, appID, params)
	if err != nil {
		return apiError(err)
	}
	if opts.Format == "json" {
		return render.JSON(f.IO.Out, res)
	}
	r := f.Renderer()
	fmt.Fprintf(r.Err, "%s Updated application %s\n", r.ErrStyles.Success("✓"), appID)
	return nil
}
