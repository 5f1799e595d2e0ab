package cmd

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/vobizctl/vobizctl/internal/api"
	"github.com/vobizctl/vobizctl/internal/render"
)

type appsListOptions struct {
	Limit    int
	LimitSet bool
	Offset   int
	All      bool
	Format   string
}

func newAppsListCmd(f *Factory) *cobra.Command {
	opts := &appsListOptions{}
	c := &cobra.Command{
		Use:   "list",
		Short: "List the account's applications",
		Long: `List applications, one page at a time (--limit, --offset) or all of them (--all, which follows
the API's next links in pages of 100, or of --limit when given).

On a terminal the output is a table; on a pipe it is tab-separated without a header (ID, name,
answer URL, hangup URL, default-for flags), so scripts can cut columns. --format json or yaml
prints the API's application objects as a list.`,
		Example: `  vobizctl apps list
  vobizctl apps list --all --format json | jq -r '.[].app_id'
  vobizctl apps list --limit 50 --offset 50`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			opts.LimitSet = c.Flags().Changed("limit")
			return inCommand(c, runAppsList(c.Context(), f, opts))
		},
	}
	c.Flags().IntVar(&opts.Limit, "limit", 20, fmt.Sprintf("applications per page, 1 to %d", api.MaxPageSize))
	c.Flags().IntVar(&opts.Offset, "offset", 0, "number of applications to skip")
	c.Flags().BoolVar(&opts.All, "all", false, "list every application, following all pages")
	addFormatFlag(c, &opts.Format, "text", "json", "yaml")
	return c
}

func runAppsList(ctx context.Context, f *Factory, opts *appsListOptions) error {
	if opts.Limit < 1 || opts.Limit > api.MaxPageSize {
		return FlagErrorf("invalid --limit %d: want 1 to %d", opts.Limit, api.MaxPageSize)
	}
	if opts.Offset < 0 {
		return FlagErrorf("invalid --offset %d: want 0 or more", opts.Offset)
	}
	if opts.All && opts.Offset != 0 {
		return FlagErrorf("--offset cannot be combined with --all: --all always starts at the first application")
	}
	client, err := newAPIClient(f, api.RetryPolicy{}, 0)
	if err != nil {
		return err
	}
	apps, meta, err := fetchApps(ctx, client, opts)
	if err != nil {
		return apiError(err)
	}
	switch opts.Format {
	case "json":
		return render.JSON(f.IO.Out, apps)
	case "yaml":
		return render.YAML(f.IO.Out, apps)
	}
	return printAppsTable(f, apps, meta)
}

// fetchApps gets one page, or every page with --all (meta is then the zero value).
func fetchApps(ctx context.Context, client *api.Client, opts *appsListOptions) ([]api.Application, api.Meta, error) {
	if opts.All {
		size := api.MaxPageSize
		if opts.LimitSet {
			size = opts.Limit
		}
		apps, err := client.ListAllApplications(ctx, size)
		if apps == nil {
			apps = []api.Application{}
		}
		return apps, api.Meta{}, err
	}
	page, err := client.ListApplications(ctx, api.ListOptions{Limit: opts.Limit, Offset: opts.Offset})
	if page.Objects == nil {
		page.Objects = []api.Application{}
	}
	return page.Objects, page.Meta, err
}

// printAppsTable prints the table; on a terminal it also says when more pages exist.
func printAppsTable(f *Factory, apps []api.Application, meta api.Meta) error {
	r := f.Renderer()
	if len(apps) == 0 {
		if r.IsTTY {
			fmt.Fprintln(r.Err, "No applications.")
		}
		return nil
	}
	t := r.NewTable("ID", "NAME", "ANSWER URL", "HANGUP URL", "DEFAULT FOR")
	for _, a := range apps {
		t.AddRow(a.AppID, a.AppName, a.AnswerURL, orDash(a.HangupURL), describeDefaults(a))
	}
	if err := t.Render(); err != nil {
		return err
	}
	if meta.Next != "" && f.IO.IsStderrTTY() {
		fmt.Fprintf(r.Err, "%s\n", r.ErrStyles.Dim(fmt.Sprintf("Showing %d–%d of %d; use --all for every application, or --offset %d for the next page.",
			meta.Offset+1, meta.Offset+len(apps), meta.TotalCount, meta.Offset+len(apps))))
	}
	return nil
}
