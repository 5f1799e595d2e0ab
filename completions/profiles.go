// Package completions provides the values vobizctl's shell completion offers for dynamic arguments
// (profiles, app IDs, event names, rule IDs). Providers never fail loudly: an error yields no
// candidates, because anything printed would land in the user's shell.
package completions

import (
	"github.com/vobizctl/vobizctl/internal/config"
)

// Profiles returns the profile names in the config file (configPath, or the usual location when
// empty).
func Profiles(configPath string) []string {
	cfg, err := config.Load(config.Options{ConfigPath: configPath})
	if err != nil {
		return nil
	}
	return cfg.File.ProfileNames()
}
