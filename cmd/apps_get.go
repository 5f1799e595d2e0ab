package cmd

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/vobizctl/vobizctl/internal/api"
	"github.com/vobizctl/vobizctl/internal/render"
)

type appsGetOptions struct{ Format string }

func newAppsGetCmd(f *Factory) *cobra.Command {
	opts := &appsGetOptions{}
	c := &cobra.Command{
		Use:   "get <app-id>",
		Short: "Show one application",
		Long: `Show one application's URLs, methods and flags. --format json or yaml prints the API's object,
including fields vobizctl does not know yet.`,
		Example: `  vobizctl apps get 12345678901234567
  vobizctl apps get 12345678901234567 --format json | jq -r .answer_url`,
		Args:              appArg(),
		ValidArgsFunction: appIDCompletion(f),
		RunE: func(c *cobra.Command, args []string) error {
			return inCommand(c, runAppsGet(c.Context(), f, args[0], opts))
		},
	}
	addFormatFlag(c, &opts.Format, "text", "json", "yaml")
	return c
}

func runAppsGet(ctx context.Context, f *Factory, appID string, opts *appsGetOptions) error {
	client, err := newAPIClient(f, api.RetryPolicy{}, 0)
	if err != nil {
		return err
	}
	app, err := client.GetApplication(ctx, appID)
	if err != nil {
		return apiError(err)
	}
	switch opts.Format {
	case "json":
		return render.JSON(f.IO.Out, app)
	case "yaml":
		return render.YAML(f.IO.Out, app)
	}
	return printApp(f, app)
}

// printApp writes one "Label: value" line per field, labels in bold on a terminal.
func printApp(f *Factory, a api.Application) error {
	r := f.Renderer()
	withMethod := func(url, method string) string {
		if url == "" {
			return "-"
		}
		return fmt.Sprintf("%s (%s)", url, orDash(method))
	}
	rows := [][2]string{
		{"ID", a.AppID}, {"Name", a.AppName},
		{"Answer URL", withMethod(a.AnswerURL, a.AnswerMethod)},
		{"Hangup URL", withMethod(a.HangupURL, a.HangupMethod)},
		{"Fallback URL", withMethod(a.FallbackAnswerURL, a.FallbackMethod)},
		{"Message URL", withMethod(a.MessageURL, a.MessageMethod)},
		{"Default for", describeDefaults(a)},
		{"Log messages", fmt.Sprint(a.LogIncomingMessage)},
		{"Enabled", fmt.Sprint(a.Enabled)},
		{"SIP URI", orDash(a.SIPURI)},
		{"Subaccount", orDash(a.SubAccount)},
		{"Created", orDash(a.CreatedAt)},
		{"Updated", orDash(a.UpdatedAt)},
	}
	for _, row := range rows {
		label := fmt.Sprintf("%-13s", row[0]+":")
		if _, err := fmt.Fprintf(r.Out, "%s %s\n", r.Styles.Bold(label), row[1]); err != nil {
			return err
		}
	}
	return nil
}
