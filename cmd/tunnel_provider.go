package cmd

import (
	"os"

	"github.com/vobizctl/vobizctl/internal/config"
	"github.com/vobizctl/vobizctl/tunnel"
)

// profileNgrokKey is the profile key that may hold an ngrok authtoken.
const profileNgrokKey = "ngrok_authtoken"

// buildProvider returns the provider named by --provider, or the first one available.
func buildProvider(f *Factory, cfg *config.Config, opts *tunnelOptions) (tunnel.Provider, error) {
	ngrokToken := ngrokAuthtoken(f, cfg)
	cloudflared, missing := tunnel.FindCloudflared(tunnelGetenv(f, envCloudflared))
	name, err := tunnel.ChooseProvider(opts.Provider, tunnel.Availability{
		PublicURL: opts.PublicURL, CloudflaredPath: cloudflared, NgrokToken: ngrokToken,
	})
	if err != nil {
		return nil, err
	}
	switch name {
	case tunnel.ProviderURL:
		return tunnel.NewStaticProvider(opts.PublicURL), nil
	case tunnel.ProviderNgrok:
		f.Logger().AddSecrets(ngrokToken)
		return tunnel.NewNgrok(tunnel.NgrokOptions{Authtoken: ngrokToken, Version: f.Version.Version}), nil
	}
	if missing != nil {
		return nil, missing
	}
	log := f.Logger()
	return tunnel.NewCloudflared(tunnel.CloudflaredOptions{
		Binary: cloudflared,
		OnLog:  func(line string) { log.Printf("cloudflared: %s", line) },
	}), nil
}

// ngrokAuthtoken reads NGROK_AUTHTOKEN, else the active profile's ngrok_authtoken.
func ngrokAuthtoken(f *Factory, cfg *config.Config) string {
	if t := tunnelGetenv(f, tunnel.EnvNgrokAuthtoken); t != "" {
		return t
	}
	if p, ok := cfg.File.Profiles[cfg.Profile.Value]; ok {
		if t, ok := p.Extra[profileNgrokKey].(string); ok {
			return t
		}
	}
	return ""
}

// tunnelGetenv reads the environment through the IO streams, so tests can replace it.
func tunnelGetenv(f *Factory, name string) string {
	if f.IO.Getenv != nil {
		return f.IO.Getenv(name)
	}
	return os.Getenv(name)
}
