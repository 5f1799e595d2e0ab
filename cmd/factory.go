// Package cmd wires vobizctl's cobra commands: flags into option structs, then a call into a domain
// package. It holds no business logic of its own.
package cmd

import (
	"net/http"
	"sync"
	"time"

	"github.com/vobizctl/vobizctl/internal/build"
	"github.com/vobizctl/vobizctl/internal/config"
	"github.com/vobizctl/vobizctl/internal/debuglog"
	"github.com/vobizctl/vobizctl/internal/iostreams"
	"github.com/vobizctl/vobizctl/internal/render"
)

// GlobalOptions are the persistent flags every command shares.
type GlobalOptions struct {
	ConfigPath string
	Profile    string
	APIURL     string
	NoColor    bool
	Debug      bool
}

// Factory builds a command run's dependencies lazily: nothing reads the config file or touches the
// network until a command asks for it.
type Factory struct {
	IO      *iostreams.IOStreams
	Global  GlobalOptions
	Now     func() time.Time
	Version build.BuildInfo

	// TokenOverride is an auth token given on the command line (flag layer of the precedence).
	TokenOverride string

	// BaseTransport is the HTTP transport under the debug logger; tests replace it.
	BaseTransport http.RoundTripper

	cfgOnce  sync.Once
	cfg      *config.Config
	cfgErr   error
	logOnce  sync.Once
	log      *debuglog.Logger
	rendOnce sync.Once
	rend     *render.Renderer
}

// NewFactory returns a factory over the given streams.
func NewFactory(ios *iostreams.IOStreams) *Factory {
	return &Factory{IO: ios, Now: time.Now, Version: build.Info()}
}

// Config loads and resolves the configuration once per run. A command that reads a token itself
// (--token-stdin) sets TokenOverride before the first call: it is the flag layer for the token.
func (f *Factory) Config() (*config.Config, error) {
	f.cfgOnce.Do(func() {
		f.cfg, f.cfgErr = config.Load(config.Options{
			ConfigPath: f.Global.ConfigPath, Profile: f.Global.Profile, APIURL: f.Global.APIURL,
			AuthToken: f.TokenOverride,
		})
		if f.cfgErr == nil {
			f.logConfig(f.cfg)
		}
	})
	return f.cfg, f.cfgErr
}

func (f *Factory) logConfig(c *config.Config) {
	log := f.Logger()
	if log == nil {
		return
	}
	log.AddSecrets(c.AuthToken.Value)
	log.Printf("config file %s (%s, exists: %t)", c.Path, c.PathSource, c.Exists)
	for _, kv := range []struct {
		name string
		v    config.Value
	}{{"profile", c.Profile}, {"auth_id", c.AuthID}, {"auth_token", redacted(c.AuthToken)}, {"api_url", c.APIURL}} {
		log.Printf("%s = %q from %s", kv.name, kv.v.Value, orNone(kv.v.Source))
	}
}

func orNone(s string) string {
	if s == "" {
		return "nowhere (unset)"
	}
	return s
}

// Logger returns the --debug logger, or nil when --debug is off (a nil logger discards output).
func (f *Factory) Logger() *debuglog.Logger {
	f.logOnce.Do(func() {
		if f.Global.Debug {
			f.log = debuglog.New(f.IO.ErrOut)
		}
	})
	return f.log
}

// HTTPClient returns a client whose transport logs exchanges under --debug, secrets redacted.
func (f *Factory) HTTPClient() *http.Client {
	base := f.BaseTransport
	if base == nil {
		base = http.DefaultTransport
	}
	return &http.Client{Transport: f.Logger().Transport(base)}
}

// Renderer returns the styles and printers for this run's streams.
func (f *Factory) Renderer() *render.Renderer {
	f.rendOnce.Do(func() {
		if f.Global.NoColor {
			f.IO.DisableColor()
		}
		f.rend = render.New(f.IO)
	})
	return f.rend
}

func redacted(v config.Value) config.Value {
	return config.Value{Value: config.Redact(v.Value), Source: v.Source}
}
