package lint

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDetectDialect(t *testing.T) {
	tests := []struct {
		name, in   string
		want       string
		wantReason string // a part of the reason
	}{
		{"pure Vobiz", `<Response><Speak>Hi</Speak><Wait length="1"/></Response>`, "vobiz", "detected from elements only Vobiz XML has: Speak, Wait"},
		{"pure Voxtelesys", `<Response><Say>Hi</Say><Set output="a">1</Set></Response>`, "voxtelesys", "detected from elements only Voxtelesys VoXML has: Say, Set"},
		{"mixed, Voxtelesys majority", `<Response><Say>a</Say><Say>b</Say><Speak>c</Speak></Response>`, "voxtelesys", "mixed: 2 Voxtelesys VoXML elements (Say) and 1 Vobiz XML element (Speak); the majority wins"},
		{"mixed, Vobiz majority", `<Response><Speak>a</Speak><PreAnswer/><If expression="1"/></Response>`, "vobiz", "mixed: 2 Vobiz XML elements (Speak, PreAnswer) and 1 Voxtelesys VoXML element (If)"},
		{"tie goes to the default", `<Response><Say>a</Say><Speak>b</Speak></Response>`, "vobiz", "a tie; vobiz is the default"},
		{"empty Response is ambiguous", `<Response/>`, "vobiz", "ambiguous: no element only one dialect has; vobiz is the default"},
		{"shared elements only", `<Response><Play>https://e.com/a.mp3</Play><Hangup/></Response>`, "vobiz", "ambiguous"},
		{"comment decides", "<!-- vobizctl-dialect voxtelesys -->\n<Response><Speak>a</Speak></Response>", "voxtelesys", "set by the vobizctl-dialect comment on line 1"},
		{"comment is case-insensitive", "<Response><!--vobizctl-dialect  VOBIZ --><Say>a</Say></Response>", "vobiz", "comment"},
		{"unknown comment is ignored", "<!-- vobizctl-dialect twiml --><Response><Say>a</Say></Response>", "voxtelesys", "detected"},
		{"other comments do not count", "<!-- vobizctl-disable --><!-- <Speak> --><Response><Say>a</Say></Response>", "voxtelesys", "Say"},
		{"text and CDATA do not count", "<Response><Say>a &lt;Speak&gt; <![CDATA[<Speak>]]></Say></Response>", "voxtelesys", "has: Say"},
		{"end tags do not count", "<Response><Say>a</Say></Speak></Response>", "voxtelesys", "has: Say"},
		{"not XML at all", "hello <<< world", "vobiz", "ambiguous"},
		{"empty input", "", "vobiz", "ambiguous"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name, reason := DetectDialect([]byte(tt.in))
			if name != tt.want || !strings.Contains(reason, tt.wantReason) {
				t.Errorf("DetectDialect = %q, %q; want %q with %q", name, reason, tt.want, tt.wantReason)
			}
		})
	}
}

// TestDialectOptions checks how the options and the comment combine: "" means auto, a named
// dialect is used unless the document's comment names another.
func TestDialectOptions(t *testing.T) {
	say := []byte(`<Response><Say>Hi</Say></Response>`)
	commented := []byte("<!-- vobizctl-dialect voxtelesys -->\n<Response><Say>Hi</Say></Response>")
	autoComment := []byte("<!-- vobizctl-dialect auto -->\n<Response><Say>Hi</Say></Response>")
	tests := []struct {
		dialect     string
		in          []byte
		want        string
		wantReason  string
		wantFinding bool
	}{
		{"", say, "voxtelesys", "detected from elements only Voxtelesys VoXML has: Say", false},
		{"auto", say, "voxtelesys", "detected from elements only Voxtelesys VoXML has: Say", false},
		{"AUTO", say, "voxtelesys", "detected from elements only Voxtelesys VoXML has: Say", false},
		{"vobiz", say, "vobiz", "requested", true},
		{"vobiz", commented, "voxtelesys", "set by the vobizctl-dialect comment on line 1", false},
		{"vobiz", autoComment, "voxtelesys", "detected from elements only Voxtelesys VoXML has: Say", false},
		{"voxtelesys", say, "voxtelesys", "requested", false},
	}
	for _, tt := range tests {
		l := newTestLinter(t, Options{Dialect: tt.dialect})
		res := l.LintBytes("t.xml", tt.in)
		if res.Dialect != tt.want || res.DialectReason != tt.wantReason || (len(res.Diagnostics) > 0) != tt.wantFinding {
			t.Errorf("Dialect %q: got %s (%s) with %v", tt.dialect, res.Dialect, res.DialectReason, res.Diagnostics)
		}
	}
	if _, err := New(Options{Dialect: "twiml"}); err == nil || err.Error() != `unknown dialect "twiml" (want vobiz, voxtelesys or auto)` {
		t.Errorf("New(twiml) error = %v", err)
	}
	l := newTestLinter(t, Options{})
	if !l.Auto() || l.Dialect().Name() != "vobiz" {
		t.Errorf("auto linter: Auto %v, fallback %s", l.Auto(), l.Dialect().Name())
	}
}

// TestLintFilesPerDocumentDialect lints a folder of both dialects in auto mode: each document
// is linted as its own dialect, and the linter's caches keep the dialects apart.
func TestLintFilesPerDocumentDialect(t *testing.T) {
	dir := t.TempDir()
	docs := map[string]string{
		"a-vobiz.xml":      `<Response><Gather action="https://e.com/m" numDigits="1"><Speak>Hi</Speak></Gather><Hangup/></Response>`,
		"b-voxtelesys.xml": `<Response><Gather action="https://e.com/m" numDigits="1"><Say>Hi</Say></Gather><Hangup/></Response>`,
		"c-vobiz-bad.xml":  `<Response><Gather numDigits="1"><Speak>Hi</Speak></Gather><Hangup/></Response>`,
		"d-vox-bad.xml":    `<Response><Gather action="https://e.com/m" executionTimeout="5"><Say>Hi</Say></Gather><Hangup/></Response>`,
	}
	for name, body := range docs {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	for range 3 { // repeated, so that cached validation results are used
		got = got[:0]
		for _, r := range newTestLinter(t, Options{Jobs: 2}).LintFiles(context.Background(), []string{dir}) {
			got = append(got, filepath.Base(r.File)+" "+r.Dialect+" "+strings.Join(brief(r.Diagnostics), ","))
		}
	}
	want := []string{
		"a-vobiz.xml vobiz ",
		"b-voxtelesys.xml voxtelesys ",
		"c-vobiz-bad.xml vobiz 1:12-1:18 error required-attribute",
		"d-vox-bad.xml voxtelesys 1:44-1:60 error unknown-attribute",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestValueOffsets(t *testing.T) {
	tests := []struct {
		name, raw, value string
		want             []int
	}{
		{"plain", "a b", "a b", []int{10, 11, 12, 13}},
		{"entities", "a&amp;&lt;b", "a&<b", []int{10, 11, 16, 20, 21}},
		{"character references", "&#38;&#x263A;", "&☺", []int{10, 15, 15, 15, 23}},
		{"CRLF is one byte", "a\r\nb", "a\nb", []int{10, 11, 13, 14}},
		{"mismatch gives nil", "abc", "ab", nil},
		{"broken reference gives nil", "a&bogus;", "a&bogus;", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, valueOffsets([]byte(tt.raw), 10, tt.value)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
