package cmd

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/vobizctl/vobizctl/internal/config"
	"github.com/vobizctl/vobizctl/internal/render"
)

type statusOptions struct{ Format string }

// authStatus is the JSON shape of `auth status --format json`.
type authStatus struct {
	ConfigFile   string       `json:"config_file"`
	ConfigSource string       `json:"config_source"`
	ConfigExists bool         `json:"config_exists"`
	Profile      config.Value `json:"profile"`
	AuthID       config.Value `json:"auth_id"`
	AuthToken    config.Value `json:"auth_token"`
	APIURL       config.Value `json:"api_url"`
	Ready        bool         `json:"ready"`
}

func newAuthStatusCmd(f *Factory) *cobra.Command {
	opts := &statusOptions{}
	c := &cobra.Command{
		Use:   "status",
		Short: "Show the active credentials and where each value came from",
		Long: `Show the profile, auth ID, token (redacted) and API URL a command would use, and the source of
each: a flag, an environment variable, the config file, or the default.

Exits 4 when the auth ID or token is missing.`,
		Example: `  vobizctl auth status
  VOBIZ_AUTH_TOKEN=… vobizctl auth status --format json`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error { return runStatus(f, opts) },
	}
	addFormatFlag(c, &opts.Format, "text", "json")
	return c
}

func runStatus(f *Factory, opts *statusOptions) error {
	cfg, err := f.Config()
	if err != nil {
		return err
	}
	s := authStatus{
		ConfigFile: cfg.Path, ConfigSource: cfg.PathSource, ConfigExists: cfg.Exists,
		Profile: cfg.Profile, AuthID: cfg.AuthID, APIURL: cfg.APIURL,
		AuthToken: redacted(cfg.AuthToken),
	}
	_, _, credErr := cfg.Credentials()
	s.Ready = credErr == nil
	if opts.Format == "json" {
		err = render.JSON(f.IO.Out, s)
	} else {
		err = printStatus(f, s)
	}
	if err != nil {
		return err
	}
	if credErr != nil {
		return &ExitError{Code: ExitAuth, Err: credErr}
	}
	return nil
}

func printStatus(f *Factory, s authStatus) error {
	r := f.Renderer()
	fileNote := ""
	if !s.ConfigExists {
		fileNote = " (not created yet)"
	}
	rows := []struct {
		label string
		v     config.Value
	}{
		{"Profile", s.Profile}, {"Auth ID", s.AuthID}, {"Auth token", s.AuthToken}, {"API URL", s.APIURL},
	}
	for _, row := range rows {
		val := row.v.Value
		if val == "" {
			val = r.Styles.Warning("not set")
		}
		src := ""
		if row.v.Source != "" {
			src = r.Styles.Dim("  (" + row.v.Source + ")")
		}
		if _, err := fmt.Fprintf(r.Out, "%-11s %s%s\n", row.label+":", val, src); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(r.Out, "%-11s %s%s\n", "Config:", s.ConfigFile, r.Styles.Dim("  ("+s.ConfigSource+")"+fileNote))
	return err
}
