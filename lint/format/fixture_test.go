package format

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vobizctl/vobizctl/lint"
)

// ivrSource has a tab-indented line with multi-byte and wide characters before a finding, a
// finding spanning lines and an element after Hangup.
const ivrSource = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" +
	"<Response>\n" +
	"\t<Speak voice=\"Polly.Léa\" language=\"de-DE\">Grüße 日本</Speak><Wait length=\"abc\"/>\n" +
	"\t<Gather timeout=\"5\" action=\"http://example.com/menu?a=1&amp;b=2\">\n" +
	"\t\t<Say>Press 1 &amp; wait\n" +
	"\t\t  50% longer\n" +
	"\t\t</Say>\n" +
	"\t</Gather>\n" +
	"\t<Hangup/>\n" +
	"\t<Play>https://example.com/a.mp3</Play>\n" +
	"</Response>\n"

// oddSource uses CRLF line ends and has one line too long for a terminal.
var oddSource = "<Response>\r\n" +
	"  <Speak>" + strings.Repeat("Welcome to the support line of Example Company. ", 4) +
	"</Speak><Redirect>https://example.com/next</Redirect><Wait length=\"2\"/>\r\n" +
	"</Response>\r\n"

// pos returns the position of column col (in runes) on line line of src.
func pos(t testing.TB, src string, line, col int) lint.Position {
	t.Helper()
	offset := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(src[offset:], '\n')
		if i < 0 {
			t.Fatalf("fixture has no line %d", line)
		}
		offset += i + 1
	}
	for c := 1; c < col; c++ {
		_, size := utf8.DecodeRuneInString(src[offset:])
		offset += size
	}
	return lint.Position{Line: line, Col: col, Offset: offset}
}

// colOf returns the rune column where needle first starts on line line of src.
func colOf(t testing.TB, src string, line int, needle string) int {
	t.Helper()
	text := strings.Split(src, "\n")[line-1]
	i := strings.Index(text, needle)
	if i < 0 {
		t.Fatalf("line %d has no %q", line, needle)
	}
	return utf8.RuneCountInString(text[:i]) + 1
}

// spanning returns the positions of needle on line line: Start at its first character, End
// just after its last (exclusive), both on the same line.
func spanning(t testing.TB, src string, line int, needle string) (lint.Position, lint.Position) {
	t.Helper()
	c := colOf(t, src, line, needle)
	return pos(t, src, line, c), pos(t, src, line, c+utf8.RuneCountInString(needle))
}

func diag(file string, start, end lint.Position, sev lint.Severity, rule, msg, hint string) lint.Diagnostic {
	return lint.Diagnostic{File: file, Start: start, End: end, Severity: sev, Rule: rule, Message: msg, Hint: hint}
}

// fixtureResults is the hand-made input every golden test prints: several files, all
// severities, multi-byte characters before a column, tabs, a multi-line span, hints, a clean
// file, an unreadable file, a file outside the root, and text that needs escaping in every
// format. Diagnostics are deliberately out of order.
func fixtureResults(t testing.TB) []lint.Result {
	const ivr, odd, outside = "flows/ivr.xml", "flows/odd:name, 100%.xml", "/tmp/elsewhere/outside.xml"
	voiceS, voiceE := spanning(t, ivrSource, 3, "Polly.Léa")
	lenS, lenE := spanning(t, ivrSource, 3, "abc")
	toS, toE := spanning(t, ivrSource, 4, "timeout")
	urlS, urlE := spanning(t, ivrSource, 4, "http://example.com/menu?a=1&amp;b=2")
	playS, playE := spanning(t, ivrSource, 10, "<Play>https://example.com/a.mp3</Play>")
	sayS := pos(t, ivrSource, 5, colOf(t, ivrSource, 5, "<Say>"))
	sayE := pos(t, ivrSource, 7, colOf(t, ivrSource, 7, "</Say>")+len("</Say>"))
	waitS, waitE := spanning(t, oddSource, 2, "<Wait length=\"2\"/>")
	speakAt := pos(t, oddSource, 2, colOf(t, oddSource, 2, ">Welcome"))
	return []lint.Result{
		{File: ivr, Dialect: "vobiz", DialectReason: "detected from elements only Vobiz XML has: Speak", Source: []byte(ivrSource), Diagnostics: []lint.Diagnostic{
			diag(ivr, playS, playE, lint.Info, "unreachable-element", "<Play> after <Hangup> never runs", ""),
			diag(ivr, toS, toE, lint.Error, "unknown-attribute",
				`unknown attribute "timeout" on <Gather> (allowed: action, method, inputType, executionTimeout, …)`,
				"did you mean `executionTimeout`?"),
			diag(ivr, lenS, lenE, lint.Error, "attribute-value", `<Wait> length "abc" is not an integer (allowed: 1 to 3600)`, ""),
			diag(ivr, voiceS, voiceE, lint.Warning, "speak-voice-language",
				`voice "Polly.Léa" is not available for language "de-DE"`, "use a de-DE voice such as `Polly.Marlene`"),
			diag(ivr, sayS, sayE, lint.Error, "unknown-element",
				"unknown element <Say> in <Gather>: TwiML's \"Say\" & \"Pause\" are <Speak> & <Wait>,\n50% of ported flows hit this",
				"replace <Say> with <Speak>; 1:1, same text"),
			diag(ivr, urlS, urlE, lint.Warning, "insecure-url", `action "http://example.com/menu?a=1&b=2" uses http://`, "use https://"),
		}},
		{File: "flows/voicemail.xml", Dialect: "vobiz", Source: []byte("<Response><Record/></Response>\n")},
		{File: "flows/missing.xml", Err: errors.New("open flows/missing.xml: permission denied")},
		{File: odd, Dialect: "vobiz", Source: []byte(oddSource), Diagnostics: []lint.Diagnostic{
			diag(odd, waitS, waitE, lint.Warning, "unreachable-element", "<Wait> after <Redirect> never runs", "move it before <Redirect>"),
			diag(odd, speakAt, speakAt, lint.Info, "speak-text", "text starts here", ""),
			diag(odd, lint.Position{}, lint.Position{}, lint.Info, "document-size", "document is 97% of the 100 KB limit", ""),
		}},
		{File: outside, Dialect: "vobiz", Source: []byte("<Response/>\n"), Diagnostics: []lint.Diagnostic{
			diag(outside, pos(t, "<Response/>\n", 1, 1), pos(t, "<Response/>\n", 1, 12), lint.Warning,
				"empty-response", "<Response> is empty: the call hangs up at once", "add a <Speak> or <Hangup>"),
		}},
	}
}

// fixtureRules describes the fixture's rules except "speak-text", which a printer must cope
// with not knowing.
func fixtureRules() []lint.RuleInfo {
	return []lint.RuleInfo{
		{ID: "unknown-attribute", Dialect: "vobiz", Severity: lint.Error, Fixable: true,
			Description: "An attribute the element does not define.", Example: `<Gather timeout="5"/>`},
		{ID: "attribute-value", Dialect: "vobiz", Severity: lint.Error,
			Description: "An attribute value outside its type, enum, range or pattern.", Example: `<Wait length="abc"/>`},
		{ID: "unknown-element", Dialect: "vobiz", Severity: lint.Error, Fixable: true,
			Description: "An element Vobiz XML does not define, such as TwiML's <Say>.", Example: "<Response><Say>Hi</Say></Response>"},
		{ID: "speak-voice-language", Dialect: "vobiz", Severity: lint.Warning,
			Description: "A Speak voice that is not available for its language.", Example: "<Speak voice=\"Polly.Léa\" language=\"de-DE\">```x```</Speak>"},
		{ID: "insecure-url", Dialect: "vobiz", Severity: lint.Warning,
			Description: "An http:// URL where HTTPS is expected.", Example: `<Play>http://example.com/a.mp3</Play>`},
		{ID: "unreachable-element", Dialect: "vobiz", Severity: lint.Info,
			Description: "An element after Redirect or Hangup, which never runs.", Example: "<Hangup/><Speak>Bye</Speak>"},
		{ID: "document-size", Dialect: "vobiz", Severity: lint.Warning,
			Description: "A document near or over the 100 KB limit."},
		{ID: "empty-response", Dialect: "", Severity: lint.Warning,
			Description: "A Response without any verb."},
	}
}

// fixtureOptions are the options the goldens are printed with.
func fixtureOptions() Options {
	return Options{Rules: fixtureRules(), Root: ".", ToolVersion: "1.2.3", Width: 80}
}
