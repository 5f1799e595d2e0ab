package config

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func clearEnv(t *testing.T) {
	for _, k := range []string{EnvAuthID, EnvAuthToken, EnvProfile, EnvAPIURL, EnvConfig} {
		t.Setenv(k, "")
	}
}

func TestSaveProfileKeepsOtherProfilesAndUnknownKeys(t *testing.T) {
	clearEnv(t)
	path := filepath.Join(t.TempDir(), "sub", "config.yaml")
	initial := "x-future: 1\nprofiles:\n  a:\n    auth_id: MA_A\n    auth_token: token-a-123456789\n    extra: kept\n"
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(initial), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := Load(Options{ConfigPath: path, Profile: "b"})
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.SaveProfile("b", Profile{AuthID: "MA_B", AuthToken: "token-b-123456789"}, false); err != nil {
		t.Fatal(err)
	}
	f, _, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a", "b"}, f.ProfileNames()); diff != "" {
		t.Errorf("profiles (-want +got):\n%s", diff)
	}
	if f.Profiles["a"].Extra["extra"] != "kept" || f.Extra["x-future"] != 1 {
		t.Errorf("unknown keys lost: %+v / %+v", f.Extra, f.Profiles["a"].Extra)
	}
	if f.DefaultProfile != "b" {
		t.Errorf("default profile = %q, want the first saved profile %q", f.DefaultProfile, "b")
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("mode = %#o, want 0600", info.Mode().Perm())
	}
}

func TestCorruptFileIsNeverOverwritten(t *testing.T) {
	clearEnv(t)
	path := filepath.Join(t.TempDir(), "config.yaml")
	bad := []byte("profiles: [\n")
	if err := os.WriteFile(path, bad, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Load(Options{ConfigPath: path})
	var pe *ParseError
	if err == nil || !asParseError(err, &pe) {
		t.Fatalf("Load error = %v, want a ParseError", err)
	}
	c := &Config{Path: path, File: &File{}}
	if err := c.SaveProfile("x", Profile{AuthID: "MA_X"}, true); err == nil {
		t.Fatal("SaveProfile over a corrupt file succeeded")
	}
	got, _ := os.ReadFile(path)
	if string(got) != string(bad) {
		t.Errorf("corrupt file changed to %q", got)
	}
}

func asParseError(err error, target **ParseError) bool {
	pe, ok := err.(*ParseError)
	*target = pe
	return ok
}

func TestPrecedence(t *testing.T) {
	clearEnv(t)
	path := filepath.Join(t.TempDir(), "config.yaml")
	content := "default_profile: p\nprofiles:\n  p:\n    auth_id: MA_FILE\n    auth_token: file-token-123456\n    api_url: http://file.example/api\n"
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		env       map[string]string
		opts      Options
		wantToken Value
		wantURL   Value
	}{
		{"profile", nil, Options{}, Value{"file-token-123456", "config " + path + " (profile p)"}, Value{"http://file.example/api", "config " + path + " (profile p)"}},
		{"env beats profile", map[string]string{EnvAuthToken: "env-token", EnvAPIURL: "http://env/api"}, Options{}, Value{"env-token", "env " + EnvAuthToken}, Value{"http://env/api", "env " + EnvAPIURL}},
		{"flag beats env", map[string]string{EnvAuthToken: "env-token", EnvAPIURL: "http://env/api"}, Options{AuthToken: "flag-token", APIURL: "http://flag/api"}, Value{"flag-token", "flag --token-stdin"}, Value{"http://flag/api", "flag --api-url"}},
		{"default when profile missing", nil, Options{Profile: "other"}, Value{}, Value{DefaultAPIURL, "default"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			tt.opts.ConfigPath = path
			cfg, err := Load(tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.wantToken, cfg.AuthToken); diff != "" {
				t.Errorf("token (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantURL, cfg.APIURL); diff != "" {
				t.Errorf("api url (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRedact(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""}, {"short", "****"}, {"abcdefghijkl", "****ijkl"},
	}
	for _, tt := range tests {
		if got := Redact(tt.in); got != tt.want {
			t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
