package send

import (
	"strings"
	"testing"
)

func TestParseTarget(t *testing.T) {
	tests := []struct {
		to, signURL, wantURL, wantSign, wantErr string
	}{
		{to: "http://localhost:3000/answer", wantURL: "http://localhost:3000/answer"},
		{to: "https://app.example.com/vobiz/answer?x=1", wantURL: "https://app.example.com/vobiz/answer?x=1"},
		{to: ":3000/answer", wantURL: "http://localhost:3000/answer"},
		{to: ":3000", wantURL: "http://localhost:3000/"},
		{to: "3000", wantURL: "http://localhost:3000/"},
		{to: "localhost", wantURL: "http://localhost/"},
		{to: "localhost:8080/hooks?a=b", wantURL: "http://localhost:8080/hooks?a=b"},
		{to: "localhost:8080?a=b", wantURL: "http://localhost:8080/?a=b"},
		{to: "127.0.0.1:5000/x", wantURL: "http://127.0.0.1:5000/x"},
		{to: "[::1]:5000/x", wantURL: "http://[::1]:5000/x"},
		{to: "  HTTPS://Example.com  ", wantURL: "HTTPS://Example.com/"},
		{to: ":3000/a", signURL: "https://abc.ngrok.app/a", wantURL: "http://localhost:3000/a", wantSign: "https://abc.ngrok.app/a"},
		{to: ":3000/a", signURL: "https://abc.ngrok.app", wantURL: "http://localhost:3000/a", wantSign: "https://abc.ngrok.app"},
		{to: "", wantErr: "empty --to"},
		{to: "ftp://host/x", wantErr: `scheme "ftp" (want http or https)`},
		{to: "http:///x", wantErr: "no host"},
		{to: "localhost:99999/x", wantErr: `port "99999"`},
		{to: "localhost:abc/x", wantErr: `invalid --to "http://localhost:abc/x"`},
		{to: ":3000", signURL: "abc.ngrok.app/a", wantErr: "invalid --sign-url"},
	}
	for _, tt := range tests {
		t.Run(tt.to+" "+tt.signURL, func(t *testing.T) {
			got, err := ParseTarget(tt.to, tt.signURL)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			wantSign := tt.wantSign
			if wantSign == "" {
				wantSign = tt.wantURL
			}
			if got.URL != tt.wantURL || got.SignURL != wantSign {
				t.Errorf("ParseTarget(%q, %q) = %+v, want URL %s sign %s", tt.to, tt.signURL, got, tt.wantURL, wantSign)
			}
		})
	}
}
