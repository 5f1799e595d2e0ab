package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"

	"github.com/vobizctl/vobizctl/internal/iostreams"
)

func TestTableTTYAndPipe(t *testing.T) {
	tests := []struct {
		name string
		tty  bool
		want string
	}{
		{"pipe is tab separated without header", false, "1\tivr\thttps://x/a\n22\tvoicemail\t\n"},
		{"tty is aligned with header", true, "ID  NAME       URL\n1   ivr        https://x/a\n22  voicemail\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, out, _ := iostreams.Test()
			ios.SetTTY(false, tt.tty, false)
			tbl := New(ios).NewTable("ID", "NAME", "URL")
			tbl.AddRow("1", "ivr", "https://x/a")
			tbl.AddRow("22", "voicemail", "")
			if err := tbl.Render(); err != nil {
				t.Fatal(err)
			}
			if out.String() != tt.want {
				t.Errorf("got\n%q\nwant\n%q", out.String(), tt.want)
			}
		})
	}
}

func TestColourFollowsProfile(t *testing.T) {
	tests := []struct {
		name    string
		profile colorprofile.Profile
		wantESC bool
	}{
		{"no tty strips everything", colorprofile.NoTTY, false},
		{"ansi keeps colour", colorprofile.ANSI, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, out, _ := iostreams.Test()
			ios.ForceColor(tt.profile)
			r := New(ios)
			if _, err := r.Out.Write([]byte(r.Styles.Error("boom") + "\n")); err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(out.String(), "\x1b["); got != tt.wantESC {
				t.Errorf("escape codes present = %v, want %v (%q)", got, tt.wantESC, out.String())
			}
			if !strings.Contains(out.String(), "boom") {
				t.Errorf("text lost: %q", out.String())
			}
		})
	}
}

func TestDisableColorStripsStyles(t *testing.T) {
	ios, _, out, _ := iostreams.Test()
	ios.ForceColor(colorprofile.TrueColor)
	ios.DisableColor()
	r := New(ios)
	r.Out.Write([]byte(r.Styles.Bold("x")))
	if strings.Contains(out.String(), "\x1b") {
		t.Errorf("--no-color output has escapes: %q", out.String())
	}
}

func TestJSONAndYAML(t *testing.T) {
	v := struct {
		URL  string `json:"url"`
		Skip string `json:"skip,omitempty"`
	}{URL: "https://a/b?x=1&y=2"}
	var j, y bytes.Buffer
	if err := JSON(&j, v); err != nil {
		t.Fatal(err)
	}
	if j.String() != "{\n  \"url\": \"https://a/b?x=1&y=2\"\n}\n" {
		t.Errorf("JSON = %q", j.String())
	}
	if err := YAML(&y, v); err != nil {
		t.Fatal(err)
	}
	if y.String() != "url: https://a/b?x=1&y=2\n" {
		t.Errorf("YAML = %q", y.String())
	}
}
