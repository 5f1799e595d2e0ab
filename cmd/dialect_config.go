package cmd

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vobizctl/vobizctl/internal/config"
)

// configDialect returns the dialect named by the top-level `dialect:` key of the config file,
// lower-cased, or "" when the --dialect flag was given or the file sets none: the file is a
// default below the flag, above auto. For lint a vobizctl-dialect comment in a document still
// decides that document, over the flag too (the engine applies it, by design: a project sets
// a default and marks the exceptions). A value outside valid is a usage error naming the file, so that a typo in the
// file is not silently replaced by detection.
func configDialect(c *cobra.Command, f *Factory, valid []string) (string, error) {
	if c.Flags().Changed("dialect") {
		return "", nil
	}
	// A load of its own, not f.Config(): send may still set f.TokenOverride (--token-stdin)
	// before the first f.Config() call, and the dialect needs no credentials.
	cfg, err := config.Load(config.Options{ConfigPath: f.Global.ConfigPath, Profile: f.Global.Profile})
	if err != nil {
		return "", err
	}
	if cfg.File == nil || cfg.File.Dialect == "" {
		return "", nil
	}
	name := strings.ToLower(strings.TrimSpace(cfg.File.Dialect))
	if !slices.Contains(valid, name) {
		return "", FlagErrorf("invalid dialect %q in config file %q: want one of %s",
			cfg.File.Dialect, cfg.Path, strings.Join(valid, ", "))
	}
	return name, nil
}
