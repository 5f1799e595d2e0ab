package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// tokenTrace renders a token stream for comparison.
func tokenTrace(src tokenSource) (trace []string, bailed bool) {
	var tok token
	for i := 0; i < 1<<20; i++ {
		src.next(&tok)
		var s string
		switch tok.kind {
		case tokBail:
			return trace, true
		case tokEOF:
			return trace, false
		case tokError:
			return append(trace, "error"), false
		case tokStart:
			s = fmt.Sprintf("start %q %q", tok.name.Space, tok.name.Local)
			for _, a := range tok.attrs {
				s += fmt.Sprintf(" [%q %q = %q]", a.Name.Space, a.Name.Local, a.Value)
			}
		case tokEnd:
			s = fmt.Sprintf("end %q %q", tok.name.Space, tok.name.Local)
		case tokText, tokComment:
			s = fmt.Sprintf("%d %q", tok.kind, tok.data)
		case tokProcInst:
			s = fmt.Sprintf("pi %q %q", tok.target, tok.data)
		default:
			s = "other"
		}
		trace = append(trace, fmt.Sprintf("%d-%d %s", tok.off, tok.end, s))
	}
	return append(trace, "too many tokens"), false
}

// compareScanners checks that the fast scanner either bails out or yields exactly what
// encoding/xml yields for src, with no error.
func compareScanners(t *testing.T, src []byte) (accepted bool) {
	t.Helper()
	l := newTestLinter(t, Options{})
	c := &checker{}
	c.init(l, src)
	fast, bailed := tokenTrace(c.fast())
	if bailed {
		return false
	}
	slow, _ := tokenTrace(newXMLTokens(c))
	if diff := cmp.Diff(slow, fast); diff != "" {
		t.Fatalf("fast scanner differs from encoding/xml on %q (-xml +fast):\n%s", src, diff)
	}
	return true
}

// FuzzFastScanner holds the fast scanner to encoding/xml: same tokens, spans and values, and
// never accepting what encoding/xml rejects.
func FuzzFastScanner(f *testing.F) {
	for _, pattern := range []string{"testdata/valid/*.xml", "testdata/invalid/*.xml", "testdata/corpus/vobiz-all-xml/Vobiz-All-XML/*.xml"} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			if b, err := os.ReadFile(p); err == nil && len(b) < 1<<16 {
				f.Add(b)
			}
		}
	}
	for _, s := range fastScannerCases {
		f.Add([]byte(s.in))
	}
	f.Fuzz(func(t *testing.T, src []byte) { compareScanners(t, src) })
}

var fastScannerCases = []struct {
	in     string
	accept bool
}{
	{`<?xml version="1.0" encoding="UTF-8"?><Response a="1" b='2'/>`, true},
	{"<Response>\r\n  <Speak>a\r\nb\rc &amp; &lt;&gt;&quot;&apos;</Speak>\r\n</Response>", true},
	{`<Response x:y="1" xmlns:x="u"><x:E/></Response>`, true},
	{`<Response a = "1"b="2" ></Response >`, true},
	{"<!-- c --><?pi data ?><Response/><!---->", true},
	{`<Response>héllo wörld 🎉</Response>`, true},
	{`<Response a="x>y"/>`, true},
	{`<Response>]]></Response>`, false},
	{`<Response a="<"/>`, false},
	{`<Response>&#65;</Response>`, false},
	{`<Response>&nbsp;</Response>`, false},
	{`<Response><![CDATA[x]]></Response>`, false},
	{`<!DOCTYPE Response><Response/>`, false},
	{`<?xml version="1.1"?><Response/>`, false},
	{`<?xml version="1.0" encoding="latin1"?><Response/>`, false},
	{"<Response>\x01</Response>", false},
	{"<Response>\xff</Response>", false},
	{`<Réponse/>`, false},
	{`<a:b:c/>`, false},
	{`<Response a/>`, false},
	{`<Response a=1/>`, false},
	{`<!-- a -- b -->`, false},
	{`<Response`, false},
	{`<`, false},
	{"", true},
	{"text only", true},
}

func TestFastScannerCases(t *testing.T) {
	for _, tt := range fastScannerCases {
		t.Run(strings.ReplaceAll(tt.in, "/", "_"), func(t *testing.T) {
			if got := compareScanners(t, []byte(tt.in)); got != tt.accept {
				t.Errorf("fast scanner accepted = %v, want %v", got, tt.accept)
			}
		})
	}
}

// TestFastScannerTakesTheCorpus checks that real documents stay on the fast path.
func TestFastScannerTakesTheCorpus(t *testing.T) {
	paths, _ := filepath.Glob("testdata/corpus/vobiz-all-xml/Vobiz-All-XML/examples/*/*.xml")
	paths = append(paths, goldenFiles(t, "valid")...)
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !compareScanners(t, b) {
			t.Errorf("%s: the fast scanner bailed out", p)
		}
	}
}
