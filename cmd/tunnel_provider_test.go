package cmd

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/vobizctl/vobizctl/internal/iostreams"
	"github.com/vobizctl/vobizctl/tunnel"
)

// providerFactory returns a factory whose environment is env and whose config file holds a
// default profile with the given ngrok_authtoken (none when empty).
func providerFactory(t *testing.T, env map[string]string, profileToken string) *Factory {
	t.Helper()
	ios, _, _, _ := iostreams.Test()
	ios.Getenv = func(k string) string { return env[k] }
	f := NewFactory(ios)
	f.Global.ConfigPath = filepath.Join(t.TempDir(), "config.yaml")
	body := "default_profile: default\nprofiles:\n  default:\n    auth_id: MA_TEST0001\n"
	if profileToken != "" {
		body += "    ngrok_authtoken: " + profileToken + "\n"
	}
	if err := os.WriteFile(f.Global.ConfigPath, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestBuildProvider(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "cloudflared")
	tests := []struct {
		name         string
		opts         tunnelOptions
		env          map[string]string
		profileToken string
		want         string
		wantErr      error
	}{
		{"public URL", tunnelOptions{PublicURL: "https://dev.example.com"}, map[string]string{envCloudflared: missing}, "", tunnel.ProviderURL, nil},
		{"ngrok from the environment", tunnelOptions{}, map[string]string{envCloudflared: missing, tunnel.EnvNgrokAuthtoken: "envtok"}, "", tunnel.ProviderNgrok, nil},
		{"ngrok from the profile", tunnelOptions{}, map[string]string{envCloudflared: missing}, "profiletok", tunnel.ProviderNgrok, nil},
		{"nothing available", tunnelOptions{}, map[string]string{envCloudflared: missing}, "", "", tunnel.ErrNoProvider},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := providerFactory(t, tt.env, tt.profileToken)
			cfg, err := f.Config()
			if err != nil {
				t.Fatal(err)
			}
			p, err := buildProvider(f, cfg, &tt.opts)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil || p.Name() != tt.want {
				t.Fatalf("provider = %v, %v; want %s", p, err, tt.want)
			}
		})
	}
}

func TestNgrokAuthtokenPrecedence(t *testing.T) {
	f := providerFactory(t, map[string]string{tunnel.EnvNgrokAuthtoken: "envtok"}, "profiletok")
	cfg, _ := f.Config()
	if got := ngrokAuthtoken(f, cfg); got != "envtok" {
		t.Errorf("with both set got %q, want the environment's", got)
	}
	f = providerFactory(t, nil, "profiletok")
	cfg, _ = f.Config()
	if got := ngrokAuthtoken(f, cfg); got != "profiletok" {
		t.Errorf("profile only: got %q", got)
	}
}
