package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/viper"
)

// Defaults and the environment variables vobizctl reads.
const (
	DefaultAPIURL  = "https://api.vobiz.ai/api/v1"
	DefaultProfile = "default"

	EnvAuthID    = "VOBIZ_AUTH_ID"
	EnvAuthToken = "VOBIZ_AUTH_TOKEN"
	EnvProfile   = "VOBIZ_PROFILE"
	EnvAPIURL    = "VOBIZ_API_URL"
	EnvConfig    = "VOBIZCTL_CONFIG"
)

// Setting keys, shared by the viper instance, the sources and --debug output.
const (
	keyProfile   = "profile"
	keyAuthID    = "auth_id"
	keyAuthToken = "auth_token"
	keyAPIURL    = "api_url"
)

// envBindings and flagSource are a static table and a switch rather than package-level maps: a map
// literal is built by code at package init, which every command would pay for at startup.
var envBindings = [...]struct{ key, env string }{
	{keyProfile, EnvProfile}, {keyAuthID, EnvAuthID}, {keyAuthToken, EnvAuthToken}, {keyAPIURL, EnvAPIURL},
}

// envName returns the environment variable that sets key, or "" for a key without one.
func envName(key string) string {
	for _, b := range envBindings {
		if b.key == key {
			return b.env
		}
	}
	return ""
}

// flagSource names the flag that sets key, or "" for a key without one.
func flagSource(key string) string {
	switch key {
	case keyAuthToken:
		return "flag --token-stdin"
	case keyAPIURL:
		return "flag --api-url"
	}
	return ""
}

// Options are the command-line inputs to resolution; empty strings mean "flag not given".
type Options struct {
	ConfigPath string // --config
	Profile    string // --profile
	APIURL     string // --api-url
	AuthToken  string // a token read by a command (e.g. --token-stdin)
}

// Value is one resolved setting and where it came from ("flag --profile", "env VOBIZ_AUTH_TOKEN",
// "config /path (profile prod)", "default", or "" when unset).
type Value struct {
	Value  string `json:"value"`
	Source string `json:"source,omitempty"`
}

// Config is the resolved configuration of one command run.
type Config struct {
	Path          string
	PathSource    string
	Exists        bool
	File          *File
	ProfileExists bool

	Profile   Value
	AuthID    Value
	AuthToken Value
	APIURL    Value
}

// DefaultPath returns where the config file lives when neither --config nor $VOBIZCTL_CONFIG say.
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("cannot find the user config directory (set %s or pass --config): %w", EnvConfig, err)
	}
	return filepath.Join(dir, "vobizctl", "config.yaml"), nil
}

// Load resolves every setting with the precedence flag > environment > profile > default.
func Load(opts Options) (*Config, error) {
	c := &Config{}
	if err := c.locate(opts.ConfigPath); err != nil {
		return nil, err
	}
	f, exists, err := ReadFile(c.Path)
	if err != nil {
		return nil, err
	}
	c.File, c.Exists = f, exists
	c.resolve(opts)
	return c, nil
}

func (c *Config) locate(flagPath string) error {
	switch {
	case flagPath != "":
		c.Path, c.PathSource = flagPath, "flag --config"
	case os.Getenv(EnvConfig) != "":
		c.Path, c.PathSource = os.Getenv(EnvConfig), "env "+EnvConfig
	default:
		p, err := DefaultPath()
		if err != nil {
			return err
		}
		c.Path, c.PathSource = p, "default"
	}
	return nil
}

// resolve layers the settings in one viper instance (override = flags, env, config = the active
// profile, defaults) and records the source of each effective value.
func (c *Config) resolve(opts Options) {
	v := viper.New()
	for _, b := range envBindings {
		_ = v.BindEnv(b.key, b.env) // cannot fail with a non-empty key
	}
	v.SetDefault(keyProfile, DefaultProfile)
	v.SetDefault(keyAPIURL, DefaultAPIURL)
	if c.File.DefaultProfile != "" {
		v.SetDefault(keyProfile, c.File.DefaultProfile)
	}
	flags := map[string]string{keyProfile: opts.Profile, keyAPIURL: opts.APIURL, keyAuthToken: opts.AuthToken}
	if opts.Profile != "" {
		v.Set(keyProfile, opts.Profile)
	}
	c.Profile = Value{Value: v.GetString(keyProfile), Source: c.profileSource(opts.Profile)}

	p, ok := c.File.Profiles[c.Profile.Value]
	c.ProfileExists = ok
	profileVals := map[string]string{keyAuthID: p.AuthID, keyAuthToken: p.AuthToken, keyAPIURL: p.APIURL}
	layer := map[string]any{}
	for key, val := range profileVals {
		if val != "" { // an empty value in the file must not hide the default
			layer[key] = val
		}
	}
	_ = v.MergeConfigMap(layer)
	for key, val := range flags {
		if val != "" && key != keyProfile {
			v.Set(key, val)
		}
	}
	c.AuthID = c.value(v, keyAuthID, flags, profileVals)
	c.AuthToken = c.value(v, keyAuthToken, flags, profileVals)
	c.APIURL = c.value(v, keyAPIURL, flags, profileVals)
}

func (c *Config) profileSource(flag string) string {
	switch {
	case flag != "":
		return "flag --profile"
	case os.Getenv(EnvProfile) != "":
		return "env " + EnvProfile
	case c.File.DefaultProfile != "":
		return "config " + c.Path
	}
	return "default"
}

func (c *Config) value(v *viper.Viper, key string, flags, profile map[string]string) Value {
	val := strings.TrimSpace(v.GetString(key))
	var src string
	switch {
	case flags[key] != "":
		src = flagSource(key)
	case os.Getenv(envName(key)) != "":
		src = "env " + envName(key)
	case profile[key] != "":
		src = fmt.Sprintf("config %s (profile %s)", c.Path, c.Profile.Value)
	case val != "":
		src = "default"
	}
	return Value{Value: val, Source: src}
}
