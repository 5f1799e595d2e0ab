package cmd

import (
	"context"
	"errors"
	"net/url"
	"path/filepath"

	"github.com/vobizctl/vobizctl/internal/api"
	"github.com/vobizctl/vobizctl/internal/config"
	"github.com/vobizctl/vobizctl/tunnel"
)

// tunnelApp is the Application a session swaps, resolved before the tunnel starts so that a
// wrong ID or name fails fast.
type tunnelApp struct {
	store   tunnel.AppStore
	swapper *tunnel.Swapper
	id      string
}

func runTunnel(ctx context.Context, f *Factory, opts *tunnelOptions, target *url.URL) error {
	cfg, err := f.Config()
	if err != nil {
		return err
	}
	app, err := resolveTunnelApp(ctx, f, cfg, opts)
	if err != nil {
		return err
	}
	provider, err := buildProvider(f, cfg, opts)
	if err != nil {
		return err
	}
	p, err := newTunnelPrinter(f, opts.Format, opts.Log)
	if err != nil {
		return err
	}
	defer p.close()
	proxyOpts, err := inspection(f, cfg, opts.ParentProfile, p)
	if err != nil {
		return err
	}
	run := tunnel.Options{
		Target: target, Listen: opts.Listen, Provider: provider, Paths: opts.Paths, Proxy: proxyOpts,
		Health: tunnel.HealthOptions{Timeout: opts.HealthTimeout}, Events: p.events(),
	}
	if app != nil {
		run.AppID, run.Swapper = app.id, app.swapper
	}
	return tunnelError(tunnel.Run(ctx, run))
}

// resolveTunnelApp checks credentials and reads the Application named by --app or --app-name;
// nil without either flag.
func resolveTunnelApp(ctx context.Context, f *Factory, cfg *config.Config, opts *tunnelOptions) (*tunnelApp, error) {
	if opts.AppID == "" && opts.AppName == "" {
		return nil, nil
	}
	client, err := newAPIClient(f, api.RetryPolicy{}, 0)
	if err != nil {
		return nil, err
	}
	store := tunnel.APIStore{Client: client}
	var app tunnel.App
	if opts.AppName != "" {
		app, err = tunnel.FindApp(ctx, store, opts.AppName)
	} else {
		app, err = store.Get(ctx, opts.AppID)
	}
	var nameErr *tunnel.AppNameError
	if errors.As(err, &nameErr) {
		return nil, &FlagError{Err: err}
	}
	if err != nil {
		return nil, apiError(err)
	}
	return &tunnelApp{store: store, swapper: newSwapper(f, cfg, store), id: app.ID}, nil
}

// newSwapper keeps restore journals in the tunnel directory next to the config file.
func newSwapper(f *Factory, cfg *config.Config, store tunnel.AppStore) *tunnel.Swapper {
	return &tunnel.Swapper{
		Store:    store,
		Journals: tunnel.JournalStore{Dir: filepath.Join(filepath.Dir(cfg.Path), "tunnel")},
		Identity: tunnel.Identity{AuthID: cfg.AuthID.Value, Profile: cfg.Profile.Value, APIURL: cfg.APIURL.Value},
		Now:      f.Now,
	}
}

// inspection builds the proxy's signature check (when a token is known) and reply lint.
func inspection(f *Factory, cfg *config.Config, parentProfile string, p *tunnelPrinter) (tunnel.ProxyOptions, error) {
	linter, err := tunnelReplyLinter()
	if err != nil {
		return tunnel.ProxyOptions{}, err
	}
	opts := tunnel.ProxyOptions{Linter: linter}
	token := cfg.AuthToken.Value
	if token == "" {
		p.note("signatures are not checked: no auth token (run `vobizctl auth login` or set VOBIZ_AUTH_TOKEN)")
		return opts, nil
	}
	parent, err := parentToken(cfg, parentProfile)
	if err != nil {
		return opts, err
	}
	v, err := tunnel.NewSignatureVerifier(token, parent)
	if err != nil {
		return opts, err
	}
	opts.Verifier, opts.Secrets = v, []string{token, parent}
	f.Logger().AddSecrets(token, parent)
	return opts, nil
}

// parentToken returns the token of --parent-profile, or "" (the account's own token).
func parentToken(cfg *config.Config, profile string) (string, error) {
	if profile == "" {
		return "", nil
	}
	p, ok := cfg.File.Profiles[profile]
	if !ok || p.AuthToken == "" {
		return "", FlagErrorf("invalid --parent-profile %q: no profile with a token by that name in %s", profile, cfg.Path)
	}
	return p.AuthToken, nil
}

// tunnelError maps session errors to exit codes: a missing ngrok authtoken is an
// authentication problem (exit 4), API errors as for `apps`.
func tunnelError(err error) error {
	var apiErr *api.HTTPError
	switch {
	case err == nil, errors.Is(err, context.Canceled):
		return err
	case errors.Is(err, tunnel.ErrNoNgrokToken):
		return &ExitError{Code: ExitAuth, Err: err}
	case errors.As(err, &apiErr):
		return apiError(err)
	}
	return err
}
