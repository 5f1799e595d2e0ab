package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vobizctl/vobizctl/schema"
)

func TestTranslate(t *testing.T) {
	tests := []struct {
		name, from, to string
		in, want       string
		changes        []string
		problems       []string
	}{
		{
			name: "Say and Pause to Speak and Wait, other bytes kept", from: "voxtelesys", to: "vobiz",
			in:      "<Response>\r\n  <!-- greet -->\r\n  <Say language='en-GB'  loop=\"2\">Hi &amp; bye</Say>\r\n\t<Pause length=\"3\"/>\r\n</Response>\r\n",
			want:    "<Response>\r\n  <!-- greet -->\r\n  <Speak language='en-GB'  loop=\"2\">Hi &amp; bye</Speak>\r\n\t<Wait length=\"3\"/>\r\n</Response>\r\n",
			changes: []string{"3:3 <Say> to <Speak>", "4:2 <Pause> to <Wait>"},
		},
		{
			name: "Speak and Wait to Say and Pause", from: "vobiz", to: "voxtelesys",
			in:      `<Response><Speak language="de-DE">Hallo <break time="1s"/> Welt</Speak><Wait length="2"/></Response>`,
			want:    `<Response><Say language="de-DE">Hallo <break time="1s"/> Welt</Say><Pause length="2"/></Response>`,
			changes: []string{"1:11 <Speak> to <Say>", "1:72 <Wait> to <Pause>"},
		},
		{
			name: "voice and history are dropped and reported", from: "voxtelesys", to: "vobiz",
			in:       `<Response><Say voice="Polly.Matthew" history="disable">Hi</Say><Hangup history="full"/></Response>`,
			want:     `<Response><Speak>Hi</Speak><Hangup/></Response>`,
			changes:  []string{"1:11 <Say> to <Speak>, drop voice, drop history", "1:64 drop history"},
			problems: []string{"1:16 warning `voice=\"Polly.Matthew\"` on `<Say>` is dropped: Vobiz voices are WOMAN and MAN (WOMAN by default); choose one by hand", "1:72 warning `history=\"full\"` on `<Hangup>` is dropped: the call's CDR history is Voxtelesys-only"},
		},
		{
			name: "Gather attributes renamed, different default written out", from: "voxtelesys", to: "vobiz",
			in:      `<Response><Gather action="https://e.com/m" input="speech" speechTimeout="3"><Say>Say it</Say></Gather></Response>`,
			want:    `<Response><Gather action="https://e.com/m" inputType="speech" speechEndTimeout="3" executionTimeout="5"><Speak>Say it</Speak></Gather></Response>`,
			changes: []string{"1:11 input to inputType, speechTimeout to speechEndTimeout, add executionTimeout=\"5\" (Voxtelesys VoXML's default; Vobiz XML's is 15)", "1:77 <Say> to <Speak>"},
		},
		{
			name: "Vobiz Gather to Voxtelesys with value map", from: "vobiz", to: "voxtelesys",
			in:      `<Response><Gather action="https://e.com/m" finishOnKey="none" executionTimeout="20" redirect="true"/></Response>`,
			want:    `<Response><Gather action="https://e.com/m" finishOnKey="" timeout="20"/></Response>`,
			changes: []string{"1:11 finishOnKey=\"none\" to \"\", executionTimeout to timeout, drop redirect"},
		},
		{
			name: "Reject to Hangup with reason, Answer removed with its line", from: "voxtelesys", to: "vobiz",
			in:      "<Response>\n  <Answer/>\n  <Reject/>\n</Response>",
			want:    "<Response>\n  <Hangup reason=\"rejected\"/>\n</Response>",
			changes: []string{"2:3 remove <Answer> (Vobiz XML has no Answer verb)", "3:3 <Reject> to <Hangup>, add reason=\"rejected\""},
		},
		{
			name: "Hangup with reason to Reject, without to Hangup", from: "vobiz", to: "voxtelesys",
			in:      `<Response><Hangup reason="busy"/><Hangup/></Response>`,
			want:    `<Response><Reject reason="busy"/><Hangup/></Response>`,
			changes: []string{"1:11 <Hangup> to <Reject>"},
		},
		{
			name: "DTMF text becomes Play digits, W as ww", from: "vobiz", to: "voxtelesys",
			in:      `<Response><DTMF async="false">12W#</DTMF></Response>`,
			want:    `<Response><Play digits="12ww#"/></Response>`,
			changes: []string{"1:11 <DTMF> to <Play>, drop async"},
		},
		{
			name: "Play digits becomes DTMF, Play with a URL stays", from: "voxtelesys", to: "vobiz",
			in:      `<Response><Play digits="1w2"></Play><Play loop="2">https://e.com/a.mp3</Play></Response>`,
			want:    `<Response><DTMF>1w2</DTMF><Play loop="2">https://e.com/a.mp3</Play></Response>`,
			changes: []string{"1:11 <Play> to <DTMF>"},
		},
		{
			name: "Record keeps its behaviour: defaults and redirect", from: "voxtelesys", to: "vobiz",
			in:      `<Response><Record action="https://e.com/r" recordingStatusCallback="https://e.com/s"/></Response>`,
			want:    `<Response><Record action="https://e.com/r" callbackUrl="https://e.com/s" redirect="true" timeout="5" maxLength="3600"/></Response>`,
			changes: []string{"1:11 recordingStatusCallback to callbackUrl, add redirect=\"true\", add timeout=\"5\" (Voxtelesys VoXML's default; Vobiz XML's is 60), add maxLength=\"3600\" (Voxtelesys VoXML's default; Vobiz XML's is 60)"},
		},
		{
			name: "Vobiz Record notifying action: caveat", from: "vobiz", to: "voxtelesys",
			in:       `<Response><Record action="https://e.com/r" timeout="5" maxLength="3600"/><Speak>Bye</Speak></Response>`,
			want:     `<Response><Record action="https://e.com/r" timeout="5" maxLength="3600"/><Say>Bye</Say></Response>`,
			changes:  []string{"1:74 <Speak> to <Say>"},
			problems: []string{"1:12 warning `<Record action>` behaves differently in Voxtelesys VoXML: Voxtelesys runs the VoXML that action returns; Vobiz (redirect=\"false\", the default) only notified action and went on with the next element"},
		},
		{
			name: "what has no equivalent stays and is reported", from: "voxtelesys", to: "vobiz",
			in:       `<Response><If expression="${x} == '1'"><Say>One</Say></If><Redirect>next.xml</Redirect></Response>`,
			want:     `<Response><If expression="${x} == '1'"><Speak>One</Speak></If><Redirect>next.xml</Redirect></Response>`,
			changes:  []string{"1:40 <Say> to <Speak>"},
			problems: []string{"1:12 error `<If>` cannot be translated to Vobiz XML; it is left as it is", "1:69 warning the text of `<Redirect>` is not valid in Vobiz XML: want an absolute URL starting with https:// (http:// is accepted but HTTPS is expected)"},
		},
		{
			name: "values and nesting the target does not accept", from: "vobiz", to: "voxtelesys",
			in:       `<Response><Wait length="90"/><Speak loop="0">Hold on</Speak></Response>`,
			want:     `<Response><Pause length="90"/><Say loop="0">Hold on</Say></Response>`,
			changes:  []string{"1:11 <Wait> to <Pause>", "1:30 <Speak> to <Say>"},
			problems: []string{"1:25 warning `length=\"90\"` is not valid on `<Pause>` in Voxtelesys VoXML: want an integer from 1 to 60", "1:43 warning `loop=\"0\"` is not valid on `<Say>` in Voxtelesys VoXML: want a positive integer"},
		},
		{
			name: "Gather without action: required in Vobiz", from: "voxtelesys", to: "vobiz",
			in:       `<Response><Gather output="m" timeout="5"/></Response>`,
			want:     `<Response><Gather executionTimeout="5"/></Response>`,
			changes:  []string{"1:11 drop output, timeout to executionTimeout"},
			problems: []string{"1:12 warning `<Gather>` needs `action` in Vobiz XML; add it by hand", "1:19 warning `output=\"m\"` on `<Gather>` is dropped: Vobiz XML has no variables; the action request carries Digits and Speech"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Translate([]byte(tt.in), tt.from, tt.to)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, string(res.Output)); diff != "" {
				t.Errorf("output (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.changes, describeChanges(res.Changes)); diff != "" {
				t.Errorf("changes (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.problems, describeProblems(res.Problems)); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

func describeChanges(changes []Change) []string {
	var out []string
	for _, c := range changes {
		out = append(out, fmt.Sprintf("%d:%d %s", c.Start.Line, c.Start.Col, c.Description))
	}
	return out
}

func describeProblems(problems []Diagnostic) []string {
	var out []string
	for _, p := range problems {
		if p.Rule != RuleTranslate {
			out = append(out, "wrong rule "+p.Rule)
		}
		out = append(out, fmt.Sprintf("%d:%d %s %s", p.Start.Line, p.Start.Col, p.Severity, p.Message))
	}
	return out
}

func TestTranslateErrors(t *testing.T) {
	tests := []struct{ name, in, from, to, want string }{
		{"same dialect", "<Response/>", "vobiz", "vobiz", `the document is already Vobiz XML ("vobiz"); translate to another dialect`},
		{"unknown dialect", "<Response/>", "vobiz", "twiml", `unknown dialect "twiml" (want vobiz, voxtelesys)`},
		{"not well-formed", "<Response><Say>", "voxtelesys", "vobiz", "cannot translate: the document is not well-formed XML (it ends inside an element); run vobizctl lint on it"},
		{"mismatched tags", "<Response><Say></Speak></Response>", "voxtelesys", "vobiz", "cannot translate: the document is not well-formed XML (unexpected `</Speak>`); run vobizctl lint on it"},
	}
	for _, tt := range tests {
		_, err := Translate([]byte(tt.in), tt.from, tt.to)
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: error = %v, want %s", tt.name, err, tt.want)
		}
	}
	res, err := Translate([]byte("<Response><Say>Hi</Say></Response>"), AutoDialect, "vobiz")
	if err != nil || res.From != "voxtelesys" || res.To != "vobiz" {
		t.Errorf("auto: %+v, %v", res, err)
	}
}

// TestTranslateGoldens translates every valid golden document to the other dialect: when the
// translation reports no problem, the output must lint without errors in the target dialect,
// and translating it back must give a document that lints without errors in the source.
func TestTranslateGoldens(t *testing.T) {
	pairs := map[string]string{"vobiz": "voxtelesys", "voxtelesys": "vobiz"}
	clean := 0
	for _, set := range goldenSets {
		to := pairs[set.dialect]
		target := newTestLinter(t, Options{Dialect: to})
		for _, path := range goldenFiles(t, filepath.Join(set.dir, "valid")) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Translate(src, set.dialect, to)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			if len(res.Problems) > 0 {
				continue
			}
			clean++
			for _, d := range target.LintBytes(path, res.Output).Diagnostics {
				if d.Severity == Error {
					t.Errorf("%s translated without problems, but lints with %s", path, d)
				}
			}
		}
	}
	if clean == 0 {
		t.Error("no golden document translated without problems")
	}
}

// TestTranslateData checks the x-translate annotations of every dialect: they parse with known
// keys only, and every element and attribute they name exists where it should.
func TestTranslateData(t *testing.T) {
	for _, from := range schema.Dialects() {
		fd, _ := schema.Get(from)
		for _, to := range schema.Dialects() {
			if to == from {
				continue
			}
			td, _ := schema.Get(to)
			var all map[string]translateRule
			if err := decodeStrict(fd.Annotation("x-translate"), &all); err != nil {
				t.Errorf("%s dialect-level x-translate: %v", from, err)
			}
			for _, el := range fd.Elements() {
				var rules map[string][]translateRule
				if err := decodeStrict(el.Annotation("x-translate"), &rules); err != nil {
					t.Errorf("%s %s: %v", from, el.Name, err)
				}
				for _, r := range rules[to] {
					checkTranslateRule(t, el, td, r)
				}
			}
		}
	}
}

func checkTranslateRule(t *testing.T, el *schema.Element, td *schema.Dialect, r translateRule) {
	t.Helper()
	target := el.Name
	if r.Element != "" {
		target = r.Element
	}
	tel, ok := td.Element(target)
	if r.Remove || r.Untranslatable != "" {
		return
	}
	if !ok {
		t.Errorf("%s: target element %s is not in %s", el.Name, target, td.Name())
		return
	}
	srcAttrs := append(el.AttributeNames(), "")
	name, _, _ := strings.Cut(r.When, "=")
	named := append([]string{name, r.AttributeToText}, slices.Collect(mapKeys(r.Drop, r.Rename, r.Lossless))...)
	for a := range r.Values {
		named = append(named, a)
	}
	for _, a := range named {
		if !slices.Contains(srcAttrs, a) {
			t.Errorf("%s: %q is not an attribute of the source element", el.Name, a)
		}
	}
	targets := []string{r.TextToAttribute}
	for _, n := range r.Rename {
		targets = append(targets, n)
	}
	for _, a := range r.Add {
		targets = append(targets, a.Name)
	}
	for _, a := range targets {
		if _, ok := tel.Attribute(a); a != "" && !ok {
			t.Errorf("%s: %q is not an attribute of %s in %s", el.Name, a, target, td.Name())
		}
	}
}

// mapKeys yields the keys of several maps.
func mapKeys[V any](ms ...map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for _, m := range ms {
			for k := range m {
				if !yield(k) {
					return
				}
			}
		}
	}
}
