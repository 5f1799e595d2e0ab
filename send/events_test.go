package send

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vobizctl/vobizctl/internal/sigtest"
	"github.com/vobizctl/vobizctl/signature"
)

// TestReferenceVectors pins the test signer and verifier to the reference's test vectors
// (vobiz-api.md §3.3 A), so that the receivers below check signatures against the documented
// algorithm and not against the code under test.
func TestReferenceVectors(t *testing.T) {
	tests := []struct {
		name, token, url, nonce, wantV2, wantV3 string
	}{
		{"answer.url", "my_auth_token", "https://answer.url", "12345",
			"ehV3IKhLysWBxC1sy8INm0qGoQYdYsHwuoKjsX7FsXc=", "2tUVd+6dOTo/13hSmD0yrftTKb57pVvy0kxqkPKxcqk="},
		{"path", "my_auth_token", "https://example.com/vobiz/answer", "12345678901234567890",
			"3L5vLu9K0EPQb/hw25qv1/dpe7xV+OqvjBB2CUFACuU=", "T4KPf+mmhqltELYKSiiErW3ER3nMg8LO6j36NrI2eMo="},
		{"query stripped", "MY_AUTH_TOKEN", "https://example.com/answer?x=1", "12345678901234567890",
			"FbvTFtgMiIJOiP9brARtuzpzlFUe7L1BTDYVN+F9Xog=", "k2DmGg3hj3mlksbzKIiasjQkkJKUtUnMuS5a1YTtDBA="},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, err := sigtest.BaseURL(tt.url)
			if err != nil {
				t.Fatal(err)
			}
			if got := sigtest.HMACBase64(tt.token, base+tt.nonce); got != tt.wantV2 {
				t.Errorf("V2 = %s, want %s", got, tt.wantV2)
			}
			if got := sigtest.HMACBase64(tt.token, base+"."+tt.nonce); got != tt.wantV3 {
				t.Errorf("V3 = %s, want %s", got, tt.wantV3)
			}
			h := http.Header{}
			h.Set("X-Vobiz-Signature-V3-Nonce", tt.nonce)
			h.Set("X-Vobiz-Signature-V2-Nonce", tt.nonce)
			h.Set("X-Vobiz-Signature-V3", tt.wantV3)
			h.Set("X-Vobiz-Signature-MA-V3", tt.wantV3)
			h.Set("X-Vobiz-Signature-V2", tt.wantV2)
			h.Set("X-Vobiz-Signature-MA-V2", tt.wantV2)
			if err := sigtest.Verify(h, tt.url, tt.token, tt.token); err != nil {
				t.Error(err)
			}
		})
	}
}

// eventCase is one event with one choice of vars and what the receiver must see.
type eventCase struct {
	event    string
	settings []Setting
	want     map[string]string // exact values
	absent   []string
}

var eventCases = []eventCase{
	{"answer", nil, map[string]string{"Event": "StartApp", "CallStatus": "ringing", "Direction": "inbound"}, []string{"ALegUUID", "RequestUUID"}},
	{"answer", []Setting{{Name: "direction", Value: "outbound"}}, map[string]string{"Event": "StartApp", "CallStatus": "in-progress", "Direction": "outbound"}, nil},
	{"ring", nil, map[string]string{"Event": "Ring", "CallStatus": "ringing", "Direction": "outbound"}, nil},
	{"hangup", nil, map[string]string{"Event": "Hangup", "CallStatus": "completed", "HangupCause": "NORMAL_CLEARING", "HangupCauseCode": "4000", "HangupCauseName": "Normal Hangup", "HangupSource": "Caller"}, []string{"ALegUUID"}},
	{"hangup", []Setting{{Name: "action", Value: "busy"}}, map[string]string{"CallStatus": "busy", "Direction": "outbound", "HangupCause": "USER_BUSY", "HangupCauseCode": "3010", "Duration": "0", "BillDuration": "0", "AnswerTime": ""}, nil},
	{"hangup", []Setting{{Name: "action", Value: "no-answer"}}, map[string]string{"CallStatus": "no-answer", "HangupCause": "NO_ANSWER", "HangupCauseCode": "3000"}, nil},
	{"gather", nil, map[string]string{"InputType": "dtmf", "Digits": "1", "Speech": "", "CallStatus": "in-progress"}, []string{"Event"}},
	{"gather", []Setting{{Name: "input_type", Value: "speech"}, {Name: "speech", Value: "billing please"}}, map[string]string{"InputType": "speech", "Digits": "", "Speech": "billing please", "SpeechConfidenceScore": "0.92"}, nil},
	{"gather", []Setting{{Name: "input_type", Value: "dtmf"}, {Name: "digits", Value: "4521"}}, map[string]string{"Digits": "4521", "Speech": ""}, nil},
	{"gather-interim", nil, map[string]string{"StableSpeech": "I would like", "SequenceNumber": "1"}, nil},
	{"dial", nil, map[string]string{"DialStatus": "completed", "DialRingStatus": "true", "DialHangupCause": "NORMAL_CLEARING"}, []string{"Event"}},
	{"dial", []Setting{{Name: "action", Value: "busy"}}, map[string]string{"DialStatus": "busy", "DialHangupCause": "USER_BUSY", "DialBLegUUID": ""}, nil},
	{"dial-event", nil, map[string]string{"Event": "DialAnswer", "DialAction": "answer", "DialBLegStatus": "answer"}, []string{"DialDigitsMatch", "DialBLegDuration"}},
	{"dial-event", []Setting{{Name: "action", Value: "digits"}, {Name: "digits", Value: "99"}}, map[string]string{"Event": "DialDigitsMatch", "DialDigitsMatch": "99", "DialDigitsPressedBy": "aleg"}, nil},
	{"dial-event", []Setting{{Name: "action", Value: "hangup"}}, map[string]string{"Event": "DialHangup", "DialBLegHangupCauseCode": "4000", "DialBLegHangupSource": "Callee"}, []string{"DialDigitsMatch"}},
	{"record", nil, map[string]string{"CallStatus": "in-progress"}, []string{"RecordUrl"}},
	{"record-stop", nil, map[string]string{"Event": "RecordStop", "RecordingEndReason": "RecordingTimeout"}, nil},
	{"transcription", nil, map[string]string{"transcription": "Hi, this is a message for the sales team. Please call me back."}, nil},
	{"conference", nil, map[string]string{"ConferenceAction": "enter", "Event": "ConferenceEnter", "ConferenceFirstMember": "false"}, []string{"ConferenceCurrentSize", "Timestamp", "ConferenceLastMember"}},
	{"conference", []Setting{{Name: "action", Value: "exit"}}, map[string]string{"Event": "ConferenceExit", "ConferenceLastMember": "false"}, []string{"From", "To", "Direction"}},
	{"conference", []Setting{{Name: "action", Value: "end"}}, map[string]string{"ConferenceAction": "end"}, []string{"Event", "ConferenceMemberID"}},
	{"redirect", []Setting{{Name: "caller_name", Value: "Asha Rao"}}, map[string]string{"Event": "Redirect", "CallerName": "Asha Rao"}, nil},
	{"transfer", nil, map[string]string{"Event": "Transfer"}, nil},
	{"stream-status", nil, map[string]string{"Event": "StartStream", "Error": "", "ServiceURL": "wss://stream.example.com/audio"}, []string{"Name"}},
	{"stream-status", []Setting{{Name: "action", Value: "DroppedStream"}}, map[string]string{"Error": "connection disconnected with the remote service"}, []string{"ServiceURL"}},
	{"message", nil, map[string]string{"Type": "sms"}, nil},
	{"Ring", nil, map[string]string{"Event": "Ring"}, nil},
	{"StartApp", nil, map[string]string{"Event": "StartApp"}, nil},
	{"Hangup", nil, map[string]string{"Event": "Hangup", "Status": "completed"}, nil},
	{"recording.completed", nil, map[string]string{"Event": "recording.completed"}, nil},
	{"conference.started", nil, map[string]string{"Event": "conference.started"}, nil},
	{"conference.ended", nil, map[string]string{"Event": "conference.ended"}, nil},
}

// TestEveryEventReachesASigningReceiver sends every event to an httptest receiver that verifies
// the signature independently, and checks the body byte for byte and the key parameters.
func TestEveryEventReachesASigningReceiver(t *testing.T) {
	rv := newReceiver(t, replyXML)
	target, err := ParseTarget(rv.srv.URL+"/hooks/vobiz?tenant=7", "https://public.example.com/hooks/vobiz")
	if err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	for _, tc := range eventCases {
		t.Run(tc.event, func(t *testing.T) {
			covered[tc.event] = true
			p := mustPlan(t, PlanOptions{Event: tc.event, Settings: tc.settings})
			res, err := Send(context.Background(), Options{
				Plan: p, Target: target, Client: http.DefaultClient, Timeout: 5 * time.Second,
				Signer: newTestSigner(t, true), Generator: NewGenerator(7, fixedClock),
			})
			if err != nil {
				t.Fatal(err)
			}
			got := rv.last(t)
			checkReceived(t, got, res.Request, "https://public.example.com/hooks/vobiz")
			params := paramMap(got.params)
			for name, want := range tc.want {
				if v, ok := params[name]; !ok || v != want {
					t.Errorf("%s = %q (present %t), want %q", name, v, ok, want)
				}
			}
			for _, name := range tc.absent {
				if _, ok := params[name]; ok {
					t.Errorf("%s is present, want it absent", name)
				}
			}
			checkShapes(t, got.params)
		})
	}
	c, _ := DefaultCatalog()
	d, _ := c.Dialect("vobiz")
	for _, name := range d.EventNames() {
		if !covered[name] {
			t.Errorf("event %q has no receiver case", name)
		}
	}
}

func checkReceived(t *testing.T, got received, sent *Request, publicURL string) {
	t.Helper()
	if got.method != http.MethodPost || got.path != "/hooks/vobiz" || got.rawQuery != "tenant=7" {
		t.Errorf("request line %s %s?%s, want POST /hooks/vobiz?tenant=7", got.method, got.path, got.rawQuery)
	}
	if ct := got.header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
		t.Errorf("Content-Type %q", ct)
	}
	if ua := got.header.Get("User-Agent"); ua != "Vobiz" {
		t.Errorf("User-Agent %q, want Vobiz", ua)
	}
	if string(got.body) != string(sent.Body) {
		t.Errorf("body on the wire differs from the built body:\n got %s\nwant %s", got.body, sent.Body)
	}
	if diff := cmp.Diff(sent.Params, got.params); diff != "" {
		t.Errorf("params (-built +received):\n%s", diff)
	}
	if err := sigtest.Verify(got.header, publicURL, testToken, testParentToken); err != nil {
		t.Errorf("signature: %v", err)
	}
	for i := 1; i < len(got.params); i++ {
		if got.params[i-1].Name >= got.params[i].Name {
			t.Errorf("params not in byte order: %s before %s", got.params[i-1].Name, got.params[i].Name)
		}
	}
}

var (
	uuidRE  = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	e164RE  = regexp.MustCompile(`^91[6-9][0-9]{9}$`)
	timeRE  = regexp.MustCompile(`^2026-07-01 \d\d:\d\d:\d\d$`)
	shapeOf = map[string]*regexp.Regexp{
		"CallUUID": uuidRE, "ALegUUID": uuidRE, "DialALegUUID": uuidRE, "ConferenceUUID": uuidRE,
		"StreamID": uuidRE, "RecordingID": uuidRE, "MessageUUID": uuidRE, "RequestUUID": uuidRE,
		"From": e164RE, "To": e164RE, "DialBLegTo": e164RE, "StartTime": timeRE, "EndTime": timeRE,
	}
)

// checkShapes checks realistic formats: UUIDs, E.164 digits, timestamps, numbers.
func checkShapes(t *testing.T, params []Param) {
	t.Helper()
	for _, p := range params {
		if re, ok := shapeOf[p.Name]; ok && !re.MatchString(p.Value) {
			t.Errorf("%s = %q does not match %s", p.Name, p.Value, re)
		}
		switch p.Name {
		case "Duration", "BillDuration", "RecordingDuration", "RecordingDurationMs", "ConferenceMemberID":
			if _, err := strconv.Atoi(p.Value); err != nil {
				t.Errorf("%s = %q, want a number", p.Name, p.Value)
			}
		}
	}
}

// TestSignerNoncesAreFreshAndTwentyDigits checks the real signer through a receiver: every
// request has new V3 and V2 nonces of 20 digits, different from each other.
func TestSignerNoncesAreFreshAndTwentyDigits(t *testing.T) {
	rv := newReceiver(t, replyXML)
	target, _ := ParseTarget(rv.srv.URL+"/a", "")
	p := mustPlan(t, PlanOptions{Event: "answer"})
	signer := newTestSigner(t, false)
	seen := map[string]bool{}
	nonceRE := regexp.MustCompile(`^[1-9][0-9]{19}$`)
	for range 20 {
		if _, err := Send(context.Background(), Options{Plan: p, Target: target, Client: http.DefaultClient, Signer: signer, Generator: NewGenerator(0, nil)}); err != nil {
			t.Fatal(err)
		}
		h := rv.last(t).header
		if err := sigtest.Verify(h, target.URL, testToken, testParentToken); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"X-Vobiz-Signature-V3-Nonce", "X-Vobiz-Signature-V2-Nonce"} {
			n := h.Get(name)
			if !nonceRE.MatchString(n) || seen[n] {
				t.Fatalf("%s = %q (seen before: %t)", name, n, seen[n])
			}
			seen[n] = true
		}
	}
}

// TestPlivoSchemeSignsTheForm checks the compatibility scheme gets the parameters.
func TestPlivoSchemeSignsTheForm(t *testing.T) {
	s, err := NewVobizSigner(signature.SignOptions{Token: testToken, Schemes: []signature.Scheme{signature.PlivoV3}, Nonce: signature.FixedNonce("12345678901234567890")})
	if err != nil {
		t.Fatal(err)
	}
	p := mustPlan(t, PlanOptions{Event: "answer"})
	r, err := p.Build(NewGenerator(1, fixedClock), BuildOptions{Target: Target{URL: "https://example.com/answer", SignURL: "https://example.com/answer"}, Signer: s})
	if err != nil {
		t.Fatal(err)
	}
	form := url.Values{}
	for _, prm := range r.Params {
		form.Add(prm.Name, prm.Value)
	}
	res, err := signature.Verify(signature.VerifyOptions{Token: testToken, Schemes: []signature.Scheme{signature.PlivoV3}},
		signature.Request{URL: "https://example.com/answer", Method: "POST", Params: form}, r.Header)
	if err != nil || len(res.Matches) != 1 {
		t.Fatalf("plivo-v3 signature does not verify: %v %+v", err, res)
	}
}
