package cmd

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/vobizctl/vobizctl/internal/config"
	"github.com/vobizctl/vobizctl/internal/render"
)

type profilesOptions struct{ Format string }

// profileEntry is one row of `auth profiles --format json`.
type profileEntry struct {
	Name    string `json:"name"`
	AuthID  string `json:"auth_id"`
	APIURL  string `json:"api_url,omitempty"`
	Default bool   `json:"default"`
}

func newAuthProfilesCmd(f *Factory) *cobra.Command {
	opts := &profilesOptions{}
	c := &cobra.Command{
		Use:     "profiles",
		Short:   "List the profiles in the config file",
		Example: "  vobizctl auth profiles\n  vobizctl auth profiles --format json",
		Args:    cobra.NoArgs,
		RunE:    func(c *cobra.Command, _ []string) error { return runProfiles(f, opts) },
	}
	addFormatFlag(c, &opts.Format, "text", "json")
	return c
}

func runProfiles(f *Factory, opts *profilesOptions) error {
	cfg, err := f.Config()
	if err != nil {
		return err
	}
	entries := []profileEntry{}
	for _, name := range cfg.File.ProfileNames() {
		p := cfg.File.Profiles[name]
		entries = append(entries, profileEntry{Name: name, AuthID: p.AuthID, APIURL: p.APIURL, Default: name == cfg.File.DefaultProfile})
	}
	if opts.Format == "json" {
		return render.JSON(f.IO.Out, entries)
	}
	r := f.Renderer()
	if len(entries) == 0 {
		fmt.Fprintf(r.Err, "no profiles in %s; run `vobizctl auth login` to add one\n", cfg.Path)
		return nil
	}
	t := r.NewTable("NAME", "AUTH ID", "DEFAULT")
	for _, e := range entries {
		mark := ""
		if e.Default {
			mark = "*"
		}
		t.AddRow(e.Name, e.AuthID, mark)
	}
	return t.Render()
}

func newAuthUseCmd(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:               "use <profile>",
		Short:             "Make a profile the default",
		Example:           "  vobizctl auth use prod",
		Args:              exactArgs(1, "a profile name"),
		ValidArgsFunction: profileArgCompletion(f),
		RunE: func(c *cobra.Command, args []string) error {
			cfg, err := f.Config()
			if err != nil {
				return err
			}
			if err := cfg.UseProfile(args[0]); err != nil {
				return err
			}
			fmt.Fprintf(f.Renderer().Err, "%s Default profile is now %q\n", f.Renderer().ErrStyles.Success("✓"), args[0])
			return nil
		},
	}
}

func newAuthLogoutCmd(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "logout",
		Short: "Remove a profile and its credentials from the config file",
		Long: `Remove the active profile (or the one named with --profile) from the config file. Other
profiles are kept. When the removed profile was the default and one profile remains, it becomes the
default.`,
		Example: "  vobizctl auth logout\n  vobizctl auth logout --profile staging",
		Args:    cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			cfg, err := f.Config()
			if err != nil {
				return err
			}
			name := cfg.Profile.Value
			if err := cfg.RemoveProfile(name); err != nil {
				return err
			}
			fmt.Fprintf(f.Renderer().Err, "%s Removed profile %q from %s\n", f.Renderer().ErrStyles.Success("✓"), name, cfg.Path)
			return nil
		},
	}
}

// profilesFor lists profile names for completion, using the --config the user already typed.
func profilesFor(f *Factory) []string {
	cfg, err := config.Load(config.Options{ConfigPath: f.Global.ConfigPath})
	if err != nil {
		return nil
	}
	return cfg.File.ProfileNames()
}

// exactArgs requires n positional arguments, as a usage error that names what is expected.
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) != n {
			return FlagErrorf("%s takes %s (got %d arguments)", c.CommandPath(), what, len(args))
		}
		return nil
	}
}
