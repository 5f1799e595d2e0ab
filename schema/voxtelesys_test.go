package schema

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func voxtelesys(t *testing.T) *Dialect { return dialect(t, "voxtelesys") }

// TestVoxtelesysElementsMatchReference checks the element list and the number of attributes
// against reference/voxtelesys.md §2–3 (attribute tables, small verbs, nouns).
func TestVoxtelesysElementsMatchReference(t *testing.T) {
	want := map[string]int{
		"Response": 0, "Say": 4, "Play": 3, "Pause": 2, "Gather": 12, "Dial": 16, "Number": 4,
		"Record": 10, "Pay": 21, "Prompt": 6, "Parameter": 2, "Redirect": 2, "Hangup": 1,
		"Reject": 2, "Answer": 1, "Connect": 1, "Flow": 2, "Set": 2, "Unset": 2, "If": 1, "Do": 2,
	}
	d := voxtelesys(t)
	got := map[string]int{}
	for _, el := range d.Elements() {
		got[el.Name] = len(el.Attributes)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("elements and attribute counts (-reference +schema):\n%s", diff)
	}
	if d.Root() != "Response" || d.Title() != "Voxtelesys VoXML" || d.MaxBytes() != 0 {
		t.Errorf("root %q, title %q, max bytes %d", d.Root(), d.Title(), d.MaxBytes())
	}
}

// TestVoxtelesysNesting checks the nesting matrix of reference/voxtelesys.md §3.1.
func TestVoxtelesysNesting(t *testing.T) {
	verbs := []string{"Say", "Play", "Pause", "Gather", "Dial", "Record", "Pay", "Redirect", "Hangup", "Reject", "Answer", "Connect", "Set", "Unset", "If", "Do"}
	tests := []struct {
		element  string
		children []string
		parents  []string
	}{
		{"Response", verbs, nil},
		{"If", verbs, []string{"Response", "If", "Do"}},
		{"Do", verbs, []string{"Response", "If", "Do"}},
		{"Gather", []string{"Say", "Play", "Pause"}, []string{"Response", "If", "Do"}},
		{"Dial", []string{"Number"}, []string{"Response", "If", "Do"}},
		{"Connect", []string{"Flow"}, []string{"Response", "If", "Do"}},
		{"Pay", []string{"Prompt", "Parameter"}, []string{"Response", "If", "Do"}},
		{"Prompt", []string{"Say", "Play"}, []string{"Pay"}},
		{"Say", nil, []string{"Response", "Gather", "Prompt", "If", "Do"}},
		{"Pause", nil, []string{"Response", "Gather", "If", "Do"}},
		{"Number", nil, []string{"Dial"}},
		{"Flow", nil, []string{"Connect"}},
		{"Parameter", nil, []string{"Pay"}},
	}
	d := voxtelesys(t)
	for _, tt := range tests {
		el, err := Lookup("voxtelesys", tt.element)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.children, el.Children); diff != "" {
			t.Errorf("%s children (-want +got):\n%s", tt.element, diff)
		}
		if diff := cmp.Diff(tt.parents, d.Parents(tt.element)); diff != "" {
			t.Errorf("%s parents (-want +got):\n%s", tt.element, diff)
		}
	}
}

func TestVoxtelesysAccepts(t *testing.T) {
	tests := []struct {
		element, attribute, value string
		want                      bool
	}{
		{"Say", "voice", "Polly.Joanna", true},
		{"Say", "voice", "Polly.Matthew-Neural", true},
		{"Say", "voice", "Google.en-US-Standard-A", true},
		{"Say", "voice", "Deepgram.aura-asteria-en", true},
		{"Say", "voice", "Joanna", true},
		{"Say", "voice", "WOMAN", false},
		{"Say", "loop", "0", false},
		{"Pause", "length", "60", true},
		{"Pause", "length", "61", false},
		{"Gather", "action", "/voxml/menu?step=2", true},
		{"Gather", "action", "menu.xml", true},
		{"Gather", "action", "https://example.com/menu", true},
		{"Gather", "action", "ftp://example.com/menu", false},
		{"Gather", "action", "javascript:alert(1)", false},
		{"Gather", "speechTimeout", "auto", true},
		{"Gather", "speechTimeout", "0", false},
		{"Gather", "finishOnKey", "", true},
		{"Gather", "output", "_captcha", true},
		{"Gather", "output", "menu.digits", false},
		{"Dial", "ringTone", "uk", true},
		{"Dial", "ringTone", "gb", false},
		{"Dial", "recordingStatusCallbackEvent", "in-progress completed", true},
		{"Dial", "recordingStatusCallbackEvent", "done", false},
		{"Record", "timeout", "0", true},
		{"Record", "maxLength", "14401", false},
		{"Record", "finishOnKey", "3#", true},
		{"Pay", "chargeAmount", "10.50", true},
		{"Pay", "chargeAmount", "-1", false},
		{"Pay", "maxAttempts", "4", false},
		{"Pay", "validCardTypes", "visa amex", true},
		{"Pay", "validCardTypes", "visa,amex", false},
		{"Prompt", "attempt", "1 3", true},
		{"Prompt", "attempt", "4", false},
		{"Play", "digits", "1ww2#", true},
		{"Play", "digits", "1W2", false},
		{"Set", "output", "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghij", true},
		{"Set", "output", "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijk", false},
		{"Do", "maxLoops", "0", false},
	}
	for _, tt := range tests {
		el, err := Lookup("voxtelesys", tt.element)
		if err != nil {
			t.Fatal(err)
		}
		a, ok := el.Attribute(tt.attribute)
		if !ok {
			t.Fatalf("%s has no attribute %s", tt.element, tt.attribute)
		}
		if got := a.Accepts(tt.value); got != tt.want {
			t.Errorf("%s.%s accepts %q = %v, want %v", tt.element, tt.attribute, tt.value, got, tt.want)
		}
	}
}

// TestForeignMirrors checks that each dialect explains the other's own elements: an element of
// one dialect that the other lacks is a foreign element there, naming the dialect it is from.
func TestForeignMirrors(t *testing.T) {
	vobiz, vox := vobiz(t), voxtelesys(t)
	tests := []struct {
		in          *Dialect
		name        string
		origin      string
		replacement string
	}{
		{vobiz, "Say", "TwiML and Voxtelesys VoXML", "Speak"},
		{vobiz, "Pause", "TwiML and Voxtelesys VoXML", "Wait"},
		{vobiz, "Reject", "TwiML and Voxtelesys VoXML", "Hangup"},
		{vobiz, "If", "Voxtelesys VoXML", ""},
		{vox, "Speak", "Vobiz XML", "Say"},
		{vox, "Wait", "Vobiz XML", "Pause"},
		{vox, "DTMF", "Vobiz XML", "Play"},
		{vox, "Conference", "Vobiz XML and TwiML", ""},
	}
	for _, tt := range tests {
		f, ok := tt.in.Foreign(tt.name)
		if !ok || f.Origin != tt.origin || f.Replacement != tt.replacement || f.Note == "" {
			t.Errorf("%s: foreign %s = %+v", tt.in.Name(), tt.name, f)
		}
	}
	for _, pair := range [][2]*Dialect{{vobiz, vox}, {vox, vobiz}} {
		for _, el := range pair[0].Elements() {
			if _, shared := pair[1].Element(el.Name); shared {
				continue
			}
			if _, ok := pair[1].Foreign(el.Name); !ok {
				t.Errorf("%s element %s is not explained as foreign in %s", pair[0].Name(), el.Name, pair[1].Name())
			}
		}
	}
}

func TestTextRuleAccepts(t *testing.T) {
	tests := []struct {
		dialect, element, text string
		want                   bool
	}{
		{"vobiz", "Redirect", "https://example.com/next", true},
		{"vobiz", "Redirect", "/next", false},
		{"voxtelesys", "Redirect", "/next", true},
		{"voxtelesys", "Set", "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghij", true},
		{"voxtelesys", "Set", "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijk", false},
		{"voxtelesys", "Pause", "5", false},
		{"vobiz", "DTMF", "12wW#", true},
		{"voxtelesys", "Say", "anything at all", true},
	}
	for _, tt := range tests {
		el, err := Lookup(tt.dialect, tt.element)
		if err != nil {
			t.Fatal(err)
		}
		if got := el.Text.Accepts(tt.text); got != tt.want {
			t.Errorf("%s %s text %q: Accepts = %v, want %v", tt.dialect, tt.element, tt.text, got, tt.want)
		}
	}
	if vox := voxtelesys(t); vox.Annotation("x-translate") == nil || vox.Annotation("x-dialect") == nil || vox.Annotation("title") != nil {
		t.Error("Annotation: want the x- keywords only")
	}
}
