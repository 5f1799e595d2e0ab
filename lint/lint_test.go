package lint

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// brief renders findings as "line:col-line:col rule" for compact expectations.
func brief(diags []Diagnostic) []string {
	var out []string
	for _, d := range diags {
		out = append(out, strings.Join([]string{pos(d.Start) + "-" + pos(d.End), d.Severity.String(), d.Rule}, " "))
	}
	return out
}

func pos(p Position) string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

func TestPositions(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"columns count runes, not bytes", "<Response>\n  <Speak>héllo wörld</Speak><Play loop=\"x\">https://e.com/a.mp3</Play>\n</Response>",
			[]string{"2:41-2:42 error attribute-value"}},
		{"CRLF line endings", "<Response>\r\n\r\n  <Hangup foo=\"1\"/>\r\n</Response>\r\n",
			[]string{"3:11-3:14 error unknown-attribute"}},
		{"value span inside single quotes", "<Response><Wait length='abc'/></Response>",
			[]string{"1:25-1:28 error attribute-value"}},
		{"entity in value keeps the raw span", `<Response><Redirect method="P&amp;ST">https://e.com/</Redirect></Response>`,
			[]string{"1:29-1:37 error attribute-value"}},
		{"text span is trimmed", "<Response>\n  <Play>\n    nope.mp3\n  </Play>\n</Response>",
			[]string{"3:5-3:13 error text-content"}},
		{"emoji before the fault", "<Response><Speak>🎉🎉</Speak><Bad/></Response>",
			[]string{"1:29-1:32 error unknown-element"}},
	}
	l := newTestLinter(t, Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := brief(l.LintBytes("t.xml", []byte(tt.in)).Diagnostics)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestTemplateMode(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"python placeholders", `<Response><Gather action="{BASE}/m" numDigits="{n}"><Speak>{msg}</Speak></Gather><Redirect>{BASE}/x</Redirect></Response>`, nil},
		{"jinja, js and erb", `<Response><Speak voice="{{ v }}" language="${lang}">Hi <%= name %></Speak><Play loop="<%= n %>"><%= url %></Play></Response>`, nil},
		{"placeholder between elements", "<Response>\n  <Speak>a</Speak>\n  {spelled}\n  {% if x %}<Hangup/>{% endif %}\n</Response>", nil},
		{"placeholder outside the root", "{% extends base %}\n<Response/>", nil},
		{"names are still checked", `<Response><Gather action="{u}" timeout="{t}"/><Hangup/></Response>`, []string{"1:32-1:39 error unknown-attribute"}},
		{"literal http prefix still warns", `<Response><Redirect>http://{host}/x</Redirect></Response>`, []string{"1:21-1:28 warning insecure-url"}},
		{"literal text outside placeholders still checked", `<Response><DTMF>{pin}</DTMF><Wait length="5s"/></Response>`, []string{"1:43-1:45 error attribute-value"}},
		{"empty braces are not a placeholder", `<Response><Wait length="{}"/></Response>`, []string{"1:25-1:27 error attribute-value"}},
	}
	l := newTestLinter(t, Options{Template: true})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := brief(l.LintBytes("t.xml", []byte(tt.in)).Diagnostics)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestMaskERB(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a <%= x %> b", "a {______} b"},
		{"<%\nif x\n%>", "{_\n____\n_}"},
		{"no blocks", "no blocks"},
		{"<% unterminated", "<% unterminated"},
		{"<%%><%= y %>", "{__}{______}"},
	}
	for _, tt := range tests {
		if got := string(maskERB([]byte(tt.in))); got != tt.want || len(got) != len(tt.in) {
			t.Errorf("maskERB(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHasPlaceholder(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"{x}", true}, {"${x}", true}, {"{{ x }}", true}, {"a{f(x)}b", true},
		{"{}", false}, {"{{}}", false}, {"plain", false}, {"{open", false}, {"close}", false},
	}
	for _, tt := range tests {
		if got := hasPlaceholder(tt.in); got != tt.want {
			t.Errorf("hasPlaceholder(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestSuggest(t *testing.T) {
	names := []string{"voice", "language", "loop", "executionTimeout", "inputType"}
	tests := []struct{ got, want string }{
		{"vioce", "voice"}, // transposition
		{"VOICE", "voice"}, // case only
		{"langauge", "language"},
		{"lop", "loop"},
		{"inputtype", "inputType"},
		{"executiontimeout", "executionTimeout"},
		{"xyz", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := suggest(tt.got, names); got != tt.want {
			t.Errorf("suggest(%q) = %q, want %q", tt.got, got, tt.want)
		}
	}
}

func TestControlComments(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"next line only", "<Response>\n<!-- vobizctl-disable-next-line unknown-attribute -->\n<Wait a=\"1\"/>\n<Wait b=\"1\"/>\n</Response>",
			[]string{"4:7-4:8 error unknown-attribute"}},
		{"other rules are not suppressed", "<Response>\n<!-- vobizctl-disable-next-line nesting -->\n<Wait a=\"1\"/>\n</Response>",
			[]string{"3:7-3:8 error unknown-attribute"}},
		{"disable until enable", "<Response>\n<!-- vobizctl-disable -->\n<Wait a=\"1\"/>\n<!-- vobizctl-enable -->\n<Wait b=\"1\"/>\n</Response>",
			[]string{"5:7-5:8 error unknown-attribute"}},
		{"several rules, comma and space separated", "<Response>\n<!-- vobizctl-disable unknown-attribute, attribute-value -->\n<Wait a=\"1\" length=\"x\"/>\n</Response>", nil},
		{"ordinary comments are ignored", "<Response>\n<!-- disable everything please -->\n<Wait a=\"1\"/>\n</Response>",
			[]string{"3:7-3:8 error unknown-attribute"}},
	}
	l := newTestLinter(t, Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := brief(l.LintBytes("t.xml", []byte(tt.in)).Diagnostics)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestResultShape(t *testing.T) {
	l := newTestLinter(t, Options{})
	clean := l.LintBytes("ok.xml", []byte("<Response/>"))
	if clean.Source != nil || clean.Diagnostics != nil || clean.Dialect != "vobiz" || clean.File != "ok.xml" {
		t.Errorf("clean result = %+v", clean)
	}
	src := []byte("<Response><Bad/></Response>")
	bad := l.LintBytes("bad.xml", src)
	if string(bad.Source) != string(src) || len(bad.Diagnostics) != 1 || bad.Diagnostics[0].File != "bad.xml" {
		t.Errorf("bad result = %+v", bad)
	}
}

func TestPrologAndEncoding(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"byte order mark before the declaration", "\xef\xbb\xbf<?xml version=\"1.0\"?><Response/>", nil},
		{"byte order mark before the root", "\xef\xbb\xbf<Response/>", nil},
		{"text after the byte order mark", "\xef\xbb\xbf  x<Response/>", []string{"1:4-1:5 error root-element"}},
		{"declaration not first", " <?xml version=\"1.0\"?><Response/>", []string{"1:2-1:3 error xml-syntax"}},
		{"UTF-8 spelt utf8 and ASCII are read as UTF-8", "<?xml version=\"1.0\" encoding=\"US-ASCII\"?><Response/>", nil},
		{"other encodings are refused", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><Response/>", []string{"1:44-1:45 error xml-syntax"}},
		{"DOCTYPE is accepted", "<!DOCTYPE Response><Response/>", nil},
		{"CDATA is text", "<Response><Speak><![CDATA[Tom & Jerry]]></Speak></Response>", nil},
		{"invalid UTF-8", "<Response><Speak>caf\xe9</Speak></Response>", []string{"1:22-1:23 error xml-syntax"}},
		{"control character", "<Response><Speak>a\x01b</Speak></Response>", []string{"1:21-1:22 error xml-syntax"}},
		{"comment after the root", "<Response/><!-- done -->", nil},
	}
	l := newTestLinter(t, Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := brief(l.LintBytes("t.xml", []byte(tt.in)).Diagnostics)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
