package lint

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLint feeds arbitrary bytes to the linter in both modes and to Fix: no panic, every
// position inside the document, and a number of findings bounded by the document size. The
// seed corpus (every golden and corpus document) runs as a normal test with go test.
func FuzzLint(f *testing.F) {
	for _, pattern := range []string{"testdata/valid/*.xml", "testdata/invalid/*.xml", "testdata/voxtelesys/*/*.xml", "testdata/detect/*.xml", "testdata/corpus/vobiz-all-xml/Vobiz-All-XML/*.xml"} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			if b, err := os.ReadFile(p); err == nil && len(b) < 1<<16 {
				f.Add(b)
			}
		}
	}
	f.Add([]byte(""))
	f.Add([]byte("<"))
	f.Add([]byte("<Response><Speak>&#xD800;</Speak></Response>"))
	f.Add([]byte("\xef\xbb\xbf<?xml version='1.0'?><Response a='1' a='1'/>"))
	plain, err := New(Options{})
	if err != nil {
		f.Fatal(err)
	}
	tmpl, err := New(Options{Template: true})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, l := range []*Linter{plain, tmpl} {
			res := l.LintBytes("fuzz.xml", src)
			if n := len(res.Diagnostics); n > 4*len(src)+4 {
				t.Fatalf("%d findings for %d bytes", n, len(src))
			}
			for _, d := range res.Diagnostics {
				checkPosition(t, src, d.Start)
				checkPosition(t, src, d.End)
				if d.End.Offset < d.Start.Offset {
					t.Fatalf("end %v before start %v: %s", d.End, d.Start, d)
				}
			}
			fixed := l.Fix(src)
			if len(fixed.Changes) == 0 && string(fixed.Output) != string(src) {
				t.Fatal("Fix changed the document without reporting a change")
			}
			l.LintBytes("fixed.xml", fixed.Output)
		}
		checkTranslate(t, src)
	})
}

// checkTranslate translates src both ways: no panic, positions inside the document, and an
// output equal to the input when nothing changed.
func checkTranslate(t *testing.T, src []byte) {
	for _, pair := range [][2]string{{"vobiz", "voxtelesys"}, {"voxtelesys", "vobiz"}} {
		res, err := Translate(src, pair[0], pair[1])
		if err != nil {
			continue
		}
		for _, p := range res.Problems {
			checkPosition(t, src, p.Start)
			checkPosition(t, src, p.End)
		}
		if len(res.Changes) == 0 && string(res.Output) != string(src) {
			t.Fatalf("Translate %s→%s changed the document without reporting a change", pair[0], pair[1])
		}
	}
}

func checkPosition(t *testing.T, src []byte, p Position) {
	t.Helper()
	if p.Offset < 0 || p.Offset > len(src) || p.Line < 1 || p.Col < 1 {
		t.Fatalf("position %+v outside a %d-byte document", p, len(src))
	}
}
