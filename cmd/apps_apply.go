package cmd

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/vobizctl/vobizctl/internal/api"
	"github.com/vobizctl/vobizctl/internal/api/apply"
	"github.com/vobizctl/vobizctl/internal/render"
)

type appsApplyOptions struct {
	File   string
	DryRun bool
	Format string
}

// applyReport is the JSON shape of `apps apply --format json`.
type applyReport struct {
	File    string         `json:"file"`
	DryRun  bool           `json:"dry_run"`
	Changes []apply.Change `json:"changes"`
	Summary map[string]int `json:"summary"`
}

func newAppsApplyCmd(f *Factory) *cobra.Command {
	opts := &appsApplyOptions{}
	c := &cobra.Command{
		Use:   "apply -f vobiz.yaml [--dry-run]",
		Short: "Make the account's applications match a vobiz.yaml file",
		Long: `Read the applications a vobiz.yaml file declares (keyed by name), compare them with the account,
print the plan — create, update with a field diff, or unchanged — and carry it out.

It is idempotent and safe in CI: applications the file does not name are never touched, fields
the file leaves out are not managed, a second run reports everything unchanged, and --dry-run only
prints the plan. If a step fails, the steps before it stay done and a re-run continues from there.
The file format is described in docs/apps.md; examples/vobiz.yaml is a complete example.`,
		Example: `  vobizctl apps apply -f vobiz.yaml --dry-run
  vobizctl apps apply -f vobiz.yaml
  vobizctl apps apply -f - --format json < vobiz.yaml`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error { return inCommand(c, runAppsApply(c.Context(), f, opts)) },
	}
	c.Flags().StringVarP(&opts.File, "file", "f", "", `the vobiz.yaml file to apply ("-" reads standard input)`)
	c.Flags().BoolVar(&opts.DryRun, "dry-run", false, "print the plan without changing anything")
	_ = c.MarkFlagRequired("file")
	_ = c.MarkFlagFilename("file", "yaml", "yml")
	addFormatFlag(c, &opts.Format, "text", "json")
	return c
}

func runAppsApply(ctx context.Context, f *Factory, opts *appsApplyOptions) error {
	file, err := readApplyFile(f, opts.File)
	if err != nil {
		return err
	}
	client, err := newAPIClient(f, api.RetryPolicy{}, 0)
	if err != nil {
		return err
	}
	existing, err := client.ListAllApplications(ctx, 0)
	if err != nil {
		return apiError(err)
	}
	plan, err := apply.MakePlan(file, existing)
	if err != nil {
		return &FlagError{Err: err}
	}
	if opts.Format == "json" {
		return applyJSON(ctx, f, client, plan, opts)
	}
	return applyText(ctx, f, client, plan, opts)
}

// readApplyFile parses the file; format mistakes are usage errors naming the line.
func readApplyFile(f *Factory, path string) (apply.File, error) {
	var r io.Reader = f.IO.In
	name := fileLabel(path)
	if path != "-" {
		file, err := os.Open(path)
		if err != nil {
			return apply.File{}, FlagErrorf("cannot read --file: %v", err)
		}
		defer file.Close()
		r, name = file, path
	}
	parsed, err := apply.Parse(r, name)
	if err != nil {
		return apply.File{}, &FlagError{Err: err}
	}
	return parsed, nil
}

func applyJSON(ctx context.Context, f *Factory, client *api.Client, plan apply.Plan, opts *appsApplyOptions) error {
	if !opts.DryRun {
		var applied []apply.Change
		err := apply.Apply(ctx, client, plan, func(c apply.Change) { applied = append(applied, c) })
		if err != nil {
			return apiError(err)
		}
		plan = mergeApplied(plan, applied)
	}
	return render.JSON(f.IO.Out, applyReport{
		File: fileLabel(opts.File), DryRun: opts.DryRun, Changes: plan.Changes,
		Summary: map[string]int{"create": plan.Count(apply.Create), "update": plan.Count(apply.Update), "unchanged": plan.Count(apply.Unchanged)},
	})
}

// mergeApplied copies the IDs of created apps into the plan, by name.
func mergeApplied(plan apply.Plan, applied []apply.Change) apply.Plan {
	ids := map[string]string{}
	for _, c := range applied {
		ids[c.Name] = c.AppID
	}
	out := apply.Plan{Changes: append([]apply.Change(nil), plan.Changes...)}
	for i, c := range out.Changes {
		if id, ok := ids[c.Name]; ok {
			out.Changes[i].AppID = id
		}
	}
	return out
}

func applyText(ctx context.Context, f *Factory, client *api.Client, plan apply.Plan, opts *appsApplyOptions) error {
	r := f.Renderer()
	printPlan(r, fileLabel(opts.File), plan)
	pending := plan.Count(apply.Create) + plan.Count(apply.Update)
	switch {
	case pending == 0:
		fmt.Fprintf(r.Out, "Nothing to do: every application matches %s.\n", fileLabel(opts.File))
		return nil
	case opts.DryRun:
		fmt.Fprintln(r.Out, "Dry run: nothing was changed.")
		return nil
	}
	fmt.Fprintln(r.Out)
	err := apply.Apply(ctx, client, plan, func(c apply.Change) {
		fmt.Fprintf(r.Out, "%s %sd %s (%s)\n", r.Styles.Success("✓"), c.Action, c.Name, c.AppID)
	})
	if err != nil {
		return apiError(err)
	}
	fmt.Fprintf(r.Out, "Applied: %d created, %d updated, %d unchanged.\n",
		plan.Count(apply.Create), plan.Count(apply.Update), plan.Count(apply.Unchanged))
	return nil
}

// printPlan writes one block per application: "+ create", "~ update" with "field: old → new"
// lines, or "= unchanged", then a summary line.
func printPlan(r *render.Renderer, file string, plan apply.Plan) {
	fmt.Fprintf(r.Out, "Plan for %s:\n", file)
	for _, c := range plan.Changes {
		switch c.Action {
		case apply.Create:
			fmt.Fprintf(r.Out, "  %s %s\n", r.Styles.Success("+ create"), c.Name)
		case apply.Update:
			fmt.Fprintf(r.Out, "  %s %s (%s)\n", r.Styles.Warning("~ update"), c.Name, c.AppID)
		default:
			fmt.Fprintf(r.Out, "  %s\n", r.Styles.Dim(fmt.Sprintf("= unchanged %s (%s)", c.Name, c.AppID)))
		}
		for _, fc := range c.Fields {
			if c.Action == apply.Create {
				fmt.Fprintf(r.Out, "      %s: %s\n", fc.Field, planValue(fc.To))
			} else {
				fmt.Fprintf(r.Out, "      %s: %s → %s\n", fc.Field, planValue(fc.From), planValue(fc.To))
			}
		}
	}
	fmt.Fprintf(r.Out, "Plan: %d to create, %d to update, %d unchanged.\n",
		plan.Count(apply.Create), plan.Count(apply.Update), plan.Count(apply.Unchanged))
}

// fileLabel names the input in messages: the path, or <stdin> for "-".
func fileLabel(path string) string {
	if path == "-" {
		return "<stdin>"
	}
	return path
}

// planValue quotes strings (so an empty one shows as "") and prints booleans bare.
func planValue(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprint(v)
}
