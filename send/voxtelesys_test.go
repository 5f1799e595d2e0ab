package send

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vobizctl/vobizctl/lint"
)

// voxtelesysStandard are the parameters of every Voxtelesys voice request (voxtelesys.md §4.3).
var voxtelesysStandard = []string{"AccountID", "AnsweredBy", "ApiVersion", "CallSid", "CallStatus", "From", "To", "TrunkID", "Vars"}

// voxCase is one Voxtelesys event with one choice of vars and what the receiver must see.
type voxCase struct {
	event    string
	settings []Setting
	want     map[string]string // exact values
	vars     map[string]any    // Vars, decoded
	extra    []string          // parameters beyond the standard ones
}

var voxCases = []voxCase{
	{"answer", nil, map[string]string{"CallStatus": "ringing", "AnsweredBy": ""}, map[string]any{}, nil},
	{"answer", []Setting{{Name: "direction", Value: "outbound"}, {Name: "answered_by", Value: "machine"}},
		map[string]string{"CallStatus": "answered", "AnsweredBy": "machine"}, map[string]any{}, nil},
	{"answer", []Setting{{Name: "vars_json", Value: `{"tier":"gold"}`}}, nil, map[string]any{"tier": "gold"}, nil},
	{"status", nil, map[string]string{"CallStatus": "completed"}, map[string]any{}, nil},
	{"status", []Setting{{Name: "action", Value: "no-answer"}, {Name: "assume", Value: "twilio"}},
		map[string]string{"CallStatus": "no-answer"}, map[string]any{}, []string{"CallDuration"}},
	{"recording", nil, map[string]string{"CallStatus": "answered"}, map[string]any{}, nil},
	{"recording", []Setting{{Name: "action", Value: "failed"}, {Name: "assume", Value: "twilio"}},
		map[string]string{"RecordingStatus": "failed"}, map[string]any{}, []string{"RecordingDuration", "RecordingSid", "RecordingStatus", "RecordingUrl"}},
	{"gather", []Setting{{Name: "digits", Value: "42"}, {Name: "output", Value: "captcha"}}, map[string]string{"CallStatus": "answered"},
		map[string]any{"captcha": map[string]any{"digits": "42", "speech": ""}}, nil},
	{"gather", []Setting{{Name: "input_type", Value: "speech"}, {Name: "speech", Value: "billing please"}, {Name: "assume", Value: "twilio"}},
		map[string]string{"SpeechResult": "billing please", "Digits": "", "Confidence": "0.92"},
		map[string]any{"menu": map[string]any{"digits": "", "speech": "billing please"}}, []string{"Confidence", "Digits", "SpeechResult"}},
	// User values are JSON-escaped inside Vars: quotes, backslashes and newlines survive intact.
	{"gather", []Setting{{Name: "input_type", Value: "speech"}, {Name: "speech", Value: "say \"sales\" \\ now\n"}, {Name: "output", Value: `m"1`}},
		map[string]string{"CallStatus": "answered"},
		map[string]any{`m"1`: map[string]any{"digits": "", "speech": "say \"sales\" \\ now\n"}}, nil},
	{"dial", nil, nil, map[string]any{"menu": map[string]any{"status": "completed"}}, nil},
	{"dial", []Setting{{Name: "action", Value: "busy"}, {Name: "assume", Value: "twilio"}}, map[string]string{"DialCallStatus": "busy", "DialCallDuration": "0"},
		map[string]any{"menu": map[string]any{"status": "busy"}}, []string{"DialCallDuration", "DialCallSid", "DialCallStatus"}},
	{"record", nil, nil, map[string]any{}, nil},
	{"record", []Setting{{Name: "assume", Value: "twilio"}}, map[string]string{"Digits": "#"}, map[string]any{}, []string{"Digits", "RecordingDuration", "RecordingSid", "RecordingUrl"}},
	{"pay", nil, nil, map[string]any{}, nil},
	{"pay", []Setting{{Name: "assume", Value: "twilio"}}, map[string]string{"Result": "success", "PaymentCardNumber": "xxxxxxxxxxxx1111"}, map[string]any{},
		[]string{"ExpirationDate", "PaymentCardNumber", "PaymentCardType", "PaymentToken", "Result"}},
}

var (
	voxUUID   = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	voxNumber = regexp.MustCompile(`^\+1[2-9][0-9]{2}[2-9][0-9]{6}$`)
	voxInt    = regexp.MustCompile(`^[1-9][0-9]*$`)
)

// TestEveryVoxtelesysEventReachesAReceiver sends every Voxtelesys event to an httptest receiver
// and checks what arrives: POST, form-encoded, no signature header of any kind, exactly the
// documented parameters (plus the Twilio-style ones only when asked for), realistic shapes, and
// Vars as a JSON object string.
func TestEveryVoxtelesysEventReachesAReceiver(t *testing.T) {
	rv := newReceiver(t, replyVoXML)
	target, err := ParseTarget(rv.srv.URL+"/voxml/hook?app=3", "")
	if err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	for _, tc := range voxCases {
		t.Run(tc.event, func(t *testing.T) {
			covered[tc.event] = true
			p := mustPlan(t, PlanOptions{Dialect: "voxtelesys", Event: tc.event, Settings: tc.settings})
			res, err := Send(context.Background(), Options{Plan: p, Target: target, Client: http.DefaultClient, Timeout: 5 * time.Second, Generator: NewGenerator(11, fixedClock)})
			if err != nil {
				t.Fatal(err)
			}
			got := rv.last(t)
			checkVoxtelesysRequest(t, got, res.Request)
			params := paramMap(got.params)
			for name, want := range tc.want {
				if v, ok := params[name]; !ok || v != want {
					t.Errorf("%s = %q (present %t), want %q", name, v, ok, want)
				}
			}
			wantNames := append(slices.Clone(voxtelesysStandard), tc.extra...)
			sort.Strings(wantNames)
			if diff := cmp.Diff(wantNames, names(got.params)); diff != "" {
				t.Errorf("parameter names (-want +got):\n%s", diff)
			}
			var vars map[string]any
			if err := json.Unmarshal([]byte(params["Vars"]), &vars); err != nil {
				t.Errorf("Vars %q is not a JSON object: %v", params["Vars"], err)
			}
			if diff := cmp.Diff(tc.vars, vars); diff != "" {
				t.Errorf("Vars (-want +got):\n%s", diff)
			}
			if p.Reply == ReplyXML && (Failed(res.Checks) || len(res.Diagnostics) > 0) {
				t.Errorf("a valid VoXML reply failed its checks: %+v %v", res.Checks, res.Diagnostics)
			}
		})
	}
	c, _ := DefaultCatalog()
	d, _ := c.Dialect("voxtelesys")
	for _, name := range d.EventNames() {
		if !covered[name] {
			t.Errorf("event %q has no receiver case", name)
		}
	}
}

func checkVoxtelesysRequest(t *testing.T, got received, sent *Request) {
	t.Helper()
	if got.method != http.MethodPost || got.path != "/voxml/hook" || got.rawQuery != "app=3" {
		t.Errorf("request line %s %s?%s, want POST /voxml/hook?app=3", got.method, got.path, got.rawQuery)
	}
	if ct := got.header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
		t.Errorf("Content-Type %q", ct)
	}
	for name := range got.header {
		if strings.Contains(strings.ToLower(name), "signature") {
			t.Errorf("header %s: Voxtelesys documents no signature, none may be sent", name)
		}
	}
	if ua := got.header.Get("User-Agent"); strings.Contains(ua, "Vobiz") {
		t.Errorf("User-Agent %q: Voxtelesys's is not documented", ua)
	}
	if string(got.body) != string(sent.Body) {
		t.Errorf("body on the wire differs from the built body:\n got %s\nwant %s", got.body, sent.Body)
	}
	params := paramMap(got.params)
	for name, re := range map[string]*regexp.Regexp{"CallSid": voxUUID, "From": voxNumber, "To": voxNumber, "AccountID": voxInt, "TrunkID": voxInt} {
		if !re.MatchString(params[name]) {
			t.Errorf("%s = %q does not match %s", name, params[name], re)
		}
	}
	if params["ApiVersion"] == "" {
		t.Error("ApiVersion is empty")
	}
}

func names(ps []Param) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Name
	}
	sort.Strings(out)
	return out
}

// replyVoXML answers with a small valid VoXML document.
func replyVoXML(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/xml")
	_, _ = io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><Response><Say voice="Polly.Joanna">Hello</Say><Hangup/></Response>`)
}

// TestVoxtelesysReplyChecks: replies are linted as VoXML (a Vobiz document fails), an unusual
// content type is only a warning (not documented), and there is no documented size limit.
func TestVoxtelesysReplyChecks(t *testing.T) {
	p := mustPlan(t, PlanOptions{Dialect: "voxtelesys", Event: "answer"})
	linter, err := lint.New(lint.Options{Dialect: p.Dialect.LintDialect})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, ctype, body string
		want              map[string]CheckStatus
		rules             []string
	}{
		{"VoXML passes", "application/xml", `<Response><Say>Hi</Say></Response>`,
			map[string]CheckStatus{CheckContentType: Pass, CheckSize: Pass, CheckXML: Pass}, nil},
		{"Vobiz XML fails", "application/xml", `<Response><Speak>Hi</Speak></Response>`,
			map[string]CheckStatus{CheckXML: Fail}, []string{"unknown-element"}},
		{"a VoXML rule warns", "application/xml", `<Response><Redirect>/next</Redirect><Say>Never</Say></Response>`,
			map[string]CheckStatus{CheckXML: Warn}, []string{"unreachable-verb"}},
		{"text/html is a warning", "text/html", `<Response><Hangup/></Response>`,
			map[string]CheckStatus{CheckContentType: Warn, CheckXML: Pass}, nil},
		{"empty reply fails", "application/xml", ``,
			map[string]CheckStatus{CheckSize: Fail}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := &Response{Status: 200, Header: http.Header{"Content-Type": {tt.ctype}}, Body: []byte(tt.body), Size: int64(len(tt.body))}
			checks, diags := CheckReply(p, resp, linter)
			got := map[string]CheckStatus{}
			for _, c := range checks {
				if _, ok := tt.want[c.ID]; ok {
					got[c.ID] = c.Status
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("checks (-want +got):\n%s\n%+v", diff, checks)
			}
			var rules []string
			for _, d := range diags {
				rules = append(rules, d.Rule)
			}
			if diff := cmp.Diff(tt.rules, rules); diff != "" {
				t.Errorf("lint rules (-want +got):\n%s", diff)
			}
		})
	}
	big := &Response{Status: 200, Header: http.Header{"Content-Type": {"application/xml"}}, Size: MaxReplyBytes + 10}
	if c := checkSize(p, big); c.Status != Warn || !strings.Contains(c.Message, "no documented limit") {
		t.Errorf("oversized reply: %+v, want a warning (no documented limit)", c)
	}
	vobiz := mustPlan(t, PlanOptions{Event: "answer"})
	if c := checkSize(vobiz, big); c.Status != Fail || !strings.Contains(c.Message, "limit 100 KB") {
		t.Errorf("oversized Vobiz reply: %+v, want a failure at 100 KB", c)
	}
}

func TestVoxtelesysDescribeSaysUnsigned(t *testing.T) {
	c, _ := DefaultCatalog()
	info, err := c.Describe("voxtelesys", "gather", NewGenerator(5, fixedClock))
	if err != nil {
		t.Fatal(err)
	}
	if info.Signing != "none" || !strings.Contains(info.SigningNote, "documents no request signature") || !strings.Contains(info.SigningNote, "invents none") {
		t.Errorf("signing %q: %q", info.Signing, info.SigningNote)
	}
}
