package tunnel

import (
	"fmt"
	"io"
	"net/http"
	"testing"
)

// TestXMLLinterThroughTheProxy lints real replies with package lint behind the proxy.
func TestXMLLinterThroughTheProxy(t *testing.T) {
	linter, err := NewXMLLinter()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, body     string
		errors         int
		rule, position string
	}{
		{"valid", "<Response><Speak>Welcome</Speak></Response>", 0, "", ""},
		{"unknown element", "<Response><Spek>Welcome</Spek></Response>", 1, "unknown-element", "1:12"},
		{"not well-formed", "<Response><Speak>Welcome</Response>", 1, "xml-syntax", "1:25"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			front, got := proxyPair(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/xml")
				io.WriteString(w, tt.body)
			}, ProxyOptions{Linter: linter})
			postForm(t, front.URL+"/answer", nil, nil)
			l := got.wait(t, 1).Lint
			if l == nil || l.Errors != tt.errors {
				t.Fatalf("lint = %+v, want %d errors", l, tt.errors)
			}
			if tt.rule == "" {
				if l.First != nil {
					t.Errorf("first diagnostic %+v on a valid reply", l.First)
				}
				return
			}
			if l.First == nil || l.First.Rule != tt.rule || l.First.File != "reply:/answer" ||
				fmt.Sprintf("%d:%d", l.First.Start.Line, l.First.Start.Col) != tt.position {
				t.Fatalf("first diagnostic = %+v, want rule %s at reply:/answer:%s", l.First, tt.rule, tt.position)
			}
		})
	}
}
