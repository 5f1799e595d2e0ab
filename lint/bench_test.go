package lint

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// realisticDoc returns one of four typical call flows (IVR menu, voicemail, transfer,
// conference) with values varied by r, as an application would render them.
func realisticDoc(r *rand.Rand) string {
	host := fmt.Sprintf("https://app%d.example.com", r.IntN(50))
	lang := []string{"en-US", "en-GB", "fr-FR", "de-DE", "es-ES"}[r.IntN(5)]
	voice := []string{"WOMAN", "MAN"}[r.IntN(2)]
	speak := fmt.Sprintf(`<Speak voice="%s" language="%s">`, voice, lang)
	switch r.IntN(4) {
	case 0:
		return fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<Response>
    <Gather action="%[1]s/menu/%[3]d" method="POST" inputType="dtmf" numDigits="1" executionTimeout="%[4]d">
        %[2]sWelcome to Acme, caller %[3]d. For sales press 1. For support press 2. For billing press 3.</Speak>
        <Play>%[1]s/audio/menu-%[3]d.mp3</Play>
    </Gather>
    %[2]sWe did not receive your choice.</Speak>
    <Redirect method="POST">%[1]s/menu?retry=%[3]d</Redirect>
</Response>
`, host, speak, r.IntN(100000), 5+r.IntN(50))
	case 1:
		return fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<Response>
    %[2]sPlease leave a message after the beep. Press star when you are done.</Speak>
    <Record action="%[1]s/voicemail/%[3]d" method="POST" maxLength="%[4]d" timeout="5" finishOnKey="*" playBeep="true" fileFormat="mp3" redirect="true" callbackUrl="%[1]s/recording"/>
    %[2]sWe did not receive a recording. Goodbye.</Speak>
    <Hangup/>
</Response>
`, host, speak, r.IntN(100000), 30+r.IntN(200))
	case 2:
		return fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<Response>
    %[2]sConnecting you to an agent.</Speak>
    <Dial action="%[1]s/dial-result/%[3]d" method="POST" timeout="30" timeLimit="3600" callerId="+1415555%04[3]d" redirect="true" callbackUrl="%[1]s/dial-events">
        <Number>+1628555%04[4]d</Number>
        <User>sip:agent%[4]d@registrar.vobiz.ai</User>
    </Dial>
    %[2]sNo agent is available. Please try again later.</Speak>
    <Hangup/>
</Response>
`, host, speak, r.IntN(10000), r.IntN(10000))
	default:
		return fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<Response>
    <Record recordSession="true"/>
    %[2]sYou are joining room %[3]d.</Speak>
    <Conference beep="true" startConferenceOnEnter="true" endConferenceOnExit="false" stayAlone="true" callbackUrl="%[1]s/conf-events">room-%[3]d</Conference>
    %[2]sYou have left the conference.</Speak>
</Response>
`, host, speak, r.IntN(1000))
	}
}

func realisticDocs(n int) [][]byte {
	r := rand.New(rand.NewPCG(1, 2))
	docs := make([][]byte, n)
	for i := range docs {
		docs[i] = []byte(realisticDoc(r))
	}
	return docs
}

// largeDoc returns a valid document of about size bytes: a long IVR script.
func largeDoc(size int) []byte {
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response>\n")
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "    <Speak voice=\"WOMAN\" language=\"en-US\">Announcement %d of the day: item %d is ready.</Speak>\n", i, r.IntN(1e6))
		if i%10 == 0 {
			fmt.Fprintf(&b, "    <Play loop=\"1\">https://cdn.example.com/audio/%d.mp3</Play>\n    <Wait length=\"1\"/>\n", i)
		}
	}
	b.WriteString("    <Hangup/>\n</Response>\n")
	return []byte(b.String())
}

// BenchmarkLint lints a realistic call-flow document (one of each kind in turn).
func BenchmarkLint(b *testing.B) {
	docs := realisticDocs(64)
	l := newTestLinter(b, Options{})
	var size int64
	for _, d := range docs {
		size += int64(len(d))
	}
	b.SetBytes(size / int64(len(docs)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if res := l.LintBytes("doc.xml", docs[i%len(docs)]); len(res.Diagnostics) != 0 {
			b.Fatalf("realistic document has findings: %v", res.Diagnostics)
		}
		i++
	}
}

// BenchmarkLintParallel lints realistic documents on every core, as LintFiles does.
func BenchmarkLintParallel(b *testing.B) {
	docs := realisticDocs(1024)
	l := newTestLinter(b, Options{})
	b.SetBytes(int64(len(docs[0])))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for i := 0; pb.Next(); i++ {
			l.LintBytes("doc.xml", docs[i%len(docs)])
		}
	})
}

// BenchmarkLintLarge lints a 5 MB document (it exceeds the 100 KB limit, which is reported).
func BenchmarkLintLarge(b *testing.B) {
	doc := largeDoc(5 << 20)
	l := newTestLinter(b, Options{})
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if res := l.LintBytes("large.xml", doc); len(res.Diagnostics) != 1 {
			b.Fatalf("want only the size finding, got %d", len(res.Diagnostics))
		}
	}
}

// BenchmarkLintFiles lints 2,000 small files from disk with LintFiles.
func BenchmarkLintFiles(b *testing.B) {
	dir := b.TempDir()
	for i, d := range realisticDocs(2000) {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("doc%04d.xml", i)), d, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	l := newTestLinter(b, Options{})
	b.ReportAllocs()
	for b.Loop() {
		if res := l.LintFiles(context.Background(), []string{dir}); len(res) != 2000 {
			b.Fatalf("%d results", len(res))
		}
	}
}

// TestRealisticDocsAreValid keeps the benchmark honest: its documents are clean.
func TestRealisticDocsAreValid(t *testing.T) {
	l := newTestLinter(t, Options{})
	for _, d := range realisticDocs(200) {
		if res := l.LintBytes("doc.xml", d); len(res.Diagnostics) != 0 {
			t.Fatalf("findings %v in\n%s", res.Diagnostics, d)
		}
	}
	if res := l.LintBytes("large.xml", largeDoc(200<<10)); len(res.Diagnostics) != 1 || res.Diagnostics[0].Rule != RuleDocumentSize {
		t.Fatalf("large document findings: %v", res.Diagnostics)
	}
}
