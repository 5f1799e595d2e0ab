package lint

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFix(t *testing.T) {
	tests := []struct {
		name        string
		in, want    string
		wantChanges []string
	}{
		{
			name: "Plivo GetDigits becomes Gather with renamed attributes",
			in: "<Response>\r\n  <GetDigits  action=\"https://example.com/m\"\ttimeout='10' numDigits=\"1\">\r\n" +
				"    <Speak>Press 1</Speak><!-- keep me -->\r\n  </GetDigits>\r\n  <Hangup/>\r\n</Response>\r\n",
			want: "<Response>\r\n  <Gather  action=\"https://example.com/m\"\texecutionTimeout='10' numDigits=\"1\">\r\n" +
				"    <Speak>Press 1</Speak><!-- keep me -->\r\n  </Gather>\r\n  <Hangup/>\r\n</Response>\r\n",
			wantChanges: []string{"unknown-element 2:4 rename <GetDigits> to <Gather>, timeout to executionTimeout"},
		},
		{
			name:        "self-closing GetInput with type",
			in:          `<Response><GetInput action="https://example.com/s" type="speech"/><Hangup/></Response>`,
			want:        `<Response><Gather action="https://example.com/s" inputType="speech"/><Hangup/></Response>`,
			wantChanges: []string{"unknown-element 1:12 rename <GetInput> to <Gather>, type to inputType"},
		},
		{
			name:        "Gather timeout becomes executionTimeout",
			in:          `<Response><Gather action="https://example.com/m" timeout="15"/><Hangup/></Response>`,
			want:        `<Response><Gather action="https://example.com/m" executionTimeout="15"/><Hangup/></Response>`,
			wantChanges: []string{"unknown-attribute 1:50 rename timeout to executionTimeout"},
		},
		{
			name:        "timeout is kept when executionTimeout is already there",
			in:          `<Response><Gather action="https://example.com/m" executionTimeout="9" timeout="15"/><Hangup/></Response>`,
			want:        `<Response><Gather action="https://example.com/m" executionTimeout="9" timeout="15"/><Hangup/></Response>`,
			wantChanges: nil,
		},
		{
			name: "case fixes of element, attribute and value",
			in:   "<Response>\n<speak Voice=\"woman\">Hi</speak>\n<Redirect method=\"post\">https://example.com/n</Redirect>\n</Response>",
			want: "<Response>\n<Speak voice=\"WOMAN\">Hi</Speak>\n<Redirect method=\"POST\">https://example.com/n</Redirect>\n</Response>",
			wantChanges: []string{
				"unknown-element 2:2 rename <speak> to <Speak>",
				"attribute-value 3:19 change method=\"post\" to \"POST\"",
				"unknown-attribute 2:8 rename Voice to voice",
				"attribute-value 2:15 change voice=\"woman\" to \"WOMAN\"",
			},
		},
		{
			name:        "two names wanting the same attribute: only one is renamed",
			in:          `<Response><Gather action="https://example.com/m" inputtype="dtmf" input="speech"/><Hangup/></Response>`,
			want:        `<Response><Gather action="https://example.com/m" inputType="dtmf" input="speech"/><Hangup/></Response>`,
			wantChanges: []string{"unknown-attribute 1:50 rename inputtype to inputType"},
		},
		{
			name:        "identical repeated attribute is removed",
			in:          "<Response><Redirect method=\"GET\"\n  method=\"GET\">https://example.com/n</Redirect></Response>",
			want:        "<Response><Redirect method=\"GET\">https://example.com/n</Redirect></Response>",
			wantChanges: []string{"duplicate-attribute 1:33 remove the repeated method=\"GET\""},
		},
		{
			name:        "suppressed findings are not fixed",
			in:          "<Response>\n<!-- vobizctl-disable-next-line -->\n<speak>Hi</speak>\n</Response>",
			want:        "<Response>\n<!-- vobizctl-disable-next-line -->\n<speak>Hi</speak>\n</Response>",
			wantChanges: nil,
		},
		{
			name:        "Voxtelesys: bare voice, misspelt loop and cardType",
			in:          `<Response><Say voice="Joanna">Hi</Say><Play loops="2">https://e.com/a.mp3</Play><Pay><Prompt for="payment-card-number" cartType="visa"><Say>Card</Say></Prompt></Pay></Response>`,
			want:        `<Response><Say voice="Polly.Joanna">Hi</Say><Play loop="2">https://e.com/a.mp3</Play><Pay><Prompt for="payment-card-number" cardType="visa"><Say>Card</Say></Prompt></Pay></Response>`,
			wantChanges: []string{"say-voice 1:23 change voice=\"Joanna\" to \"Polly.Joanna\"", "unknown-attribute 1:45 rename loops to loop", "unknown-attribute 1:120 rename cartType to cardType"},
		},
		{
			name:        "nothing to fix",
			in:          "<Response><Hangup/></Response>",
			want:        "<Response><Hangup/></Response>",
			wantChanges: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Fix([]byte(tt.in), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, string(res.Output)); diff != "" {
				t.Errorf("output (-want +got):\n%s", diff)
			}
			var got []string
			for _, c := range res.Changes {
				got = append(got, fmt.Sprintf("%s %d:%d %s", c.Rule, c.Start.Line, c.Start.Col, c.Description))
			}
			if diff := cmp.Diff(tt.wantChanges, got); diff != "" {
				t.Errorf("changes (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFixUnknownOption(t *testing.T) {
	if _, err := Fix(nil, Options{Disable: []string{"no-such-rule"}}); err == nil {
		t.Error("Fix accepted an unknown rule ID")
	}
}
