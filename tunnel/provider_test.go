package tunnel

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestChooseProvider(t *testing.T) {
	all := Availability{PublicURL: "https://dev.example.com", CloudflaredPath: "/usr/bin/cloudflared", NgrokToken: "tok"}
	tests := []struct {
		name    string
		flag    string
		avail   Availability
		want    string
		wantErr string
	}{
		{"named wins", ProviderNgrok, Availability{CloudflaredPath: "/usr/bin/cloudflared"}, ProviderNgrok, ""},
		{"public URL first", "", all, ProviderURL, ""},
		{"then cloudflared", "", Availability{CloudflaredPath: "/usr/bin/cloudflared", NgrokToken: "tok"}, ProviderCloudflared, ""},
		{"then ngrok", "", Availability{NgrokToken: "tok"}, ProviderNgrok, ""},
		{"nothing available", "", Availability{}, "", "no tunnel provider available"},
		{"unknown", "frp", all, "", `unknown provider "frp": want one of cloudflared, ngrok, url`},
	}
	for _, tt := range tests {
		got, err := ChooseProvider(tt.flag, tt.avail)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%s: err = %v, want %q", tt.name, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s: got %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
	_, err := ChooseProvider("", Availability{})
	var h interface{ Hint() string }
	if !errors.Is(err, ErrNoProvider) || !errors.As(err, &h) || !strings.Contains(h.Hint(), "NGROK_AUTHTOKEN") {
		t.Errorf("no-provider error %v lacks ErrNoProvider or its hint", err)
	}
}

func TestStaticProvider(t *testing.T) {
	tests := []struct{ in, want, wantErr string }{
		{"https://dev.example.com/", "https://dev.example.com", ""},
		{"https://dev.example.com/base//", "https://dev.example.com/base", ""},
		{" http://127.0.0.1:8443 ", "http://127.0.0.1:8443", ""},
		{"dev.example.com", "", "want an absolute http:// or https:// URL"},
		{"https://dev.example.com/?a=1", "", "must not carry a query"},
		{"https://user:pw@dev.example.com", "", "must not carry a query, fragment or user info"},
	}
	for _, tt := range tests {
		p := NewStaticProvider(tt.in)
		got, err := p.Start(context.Background(), "http://127.0.0.1:1")
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%q: err = %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%q: got %q, %v; want %q", tt.in, got, err, tt.want)
		}
		select {
		case <-p.Done():
			t.Errorf("%q: Done closed before Stop", tt.in)
		default:
		}
		if err := p.Stop(); err != nil || p.Err() != nil {
			t.Errorf("Stop = %v, Err = %v", err, p.Err())
		}
		<-p.Done()
		_ = p.Stop() // a second Stop is harmless
	}
}
