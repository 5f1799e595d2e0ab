package lint

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"unsafe"

	"github.com/google/go-cmp/cmp"
)

// TestWindowReleasesBehindThePass checks what a window gives back during two passes: whole
// pages, in order, never the last releaseLag bytes before the pass, and everything once a pass
// restarts.
func TestWindowReleasesBehindThePass(t *testing.T) {
	src := make([]byte, 5<<20+123)
	base := uintptr(unsafe.Pointer(&src[0]))
	var got [][2]int
	w := &window{src: src, release: func(b []byte) {
		start := int(uintptr(unsafe.Pointer(&b[0])) - base)
		got = append(got, [2]int{start, start + len(b)})
	}}
	for pos := 0; pos <= len(src); pos += 4096 + 17 {
		before := len(got)
		w.passed(pos)
		if len(got) > before && got[len(got)-1][1] > pos-releaseLag {
			t.Fatalf("at %d released up to %d, within the lag", pos, got[len(got)-1][1])
		}
	}
	w.restart()
	end := 0
	for _, r := range got {
		if r[0] != end || r[0]&pageMask != 0 || r[1]&pageMask != 0 && r[1] != len(src) {
			t.Fatalf("released %v after %d: not contiguous whole pages", r, end)
		}
		end = r[1]
	}
	if end != len(src) {
		t.Errorf("released up to %d of %d after the pass", end, len(src))
	}
	if w.released != 0 {
		t.Errorf("a restarted window starts at %d", w.released)
	}
	var nilWindow *window
	nilWindow.passed(len(src)) // a document in memory: nothing to do, no panic
	nilWindow.restart()
}

// TestMappedDocumentFindingsAfterRelease lints a large mapped document with findings spread
// through it: the pages released behind each pass are read back for positions and text, so the
// result equals linting the same bytes from memory.
func TestMappedDocumentFindingsAfterRelease(t *testing.T) {
	var b strings.Builder
	b.WriteString("<Response>\n")
	for i := 0; b.Len() < 3*releaseStep; i++ {
		fmt.Fprintf(&b, "  <Speak voice=\"WOMAN\">Line %d of a long flow.</Speak>\n", i)
		if i%5000 == 0 {
			fmt.Fprintf(&b, "  <Play loop=\"-%d\">https://example.com/a.mp3</Play>\n  <Bogus/>\n", i+1)
		}
	}
	b.WriteString("</Response>\n")
	dir := tree(t, map[string]string{"big.xml": b.String()})
	l := newTestLinter(t, Options{})
	mapped := l.LintFiles(context.Background(), []string{dir + "/big.xml"})[0]
	inMemory := l.LintBytes(dir+"/big.xml", []byte(b.String()))
	if mapped.Err != nil || len(mapped.Diagnostics) < 10 {
		t.Fatalf("mapped result: %v, %d findings", mapped.Err, len(mapped.Diagnostics))
	}
	if diff := cmp.Diff(inMemory.Diagnostics, mapped.Diagnostics); diff != "" {
		t.Errorf("mapped document findings differ (-memory +mapped):\n%s", diff)
	}
}
