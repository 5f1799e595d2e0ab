package send

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestPlanSettings(t *testing.T) {
	tests := []struct {
		name     string
		event    string
		settings []Setting
		data     []Param
		method   string
		want     map[string]string
		wantErr  string
	}{
		{name: "call uuid override", event: "answer", settings: []Setting{{Name: "call_uuid", Value: "abc", Flag: "--call-uuid"}},
			want: map[string]string{"CallUUID": "abc"}},
		{name: "from flows into caller name", event: "redirect", settings: []Setting{{Name: "from", Value: "911111111111", Flag: "--from"}},
			want: map[string]string{"From": "911111111111", "CallerName": "911111111111"}},
		{name: "invalid var value", event: "conference", settings: []Setting{{Name: "action", Value: "join", Flag: "--action"}},
			wantErr: `invalid --action "join" for event "conference" (want one of enter, exit, start, end)`},
		{name: "no effect", event: "answer", settings: []Setting{{Name: "caller_name", Value: "x", Flag: "--caller"}},
			wantErr: `--caller has no effect on event "answer"`},
		{name: "unknown name", event: "answer", settings: []Setting{{Name: "colour", Value: "x", Flag: "--set colour"}},
			wantErr: `--set colour has no effect`},
		{name: "optional dropped", event: "transcription", settings: []Setting{{Name: "input_type", Value: "dtmf", Optional: true}, {Name: "from", Value: "1", Optional: true}},
			want: map[string]string{"recording_id": ""}},
		{name: "optional var with a foreign value dropped", event: "gather", settings: []Setting{{Name: "input_type", Value: "nope", Optional: true}},
			want: map[string]string{"InputType": "dtmf"}},
		{name: "data replaces", event: "answer", data: []Param{{"Event", "Custom"}}, want: map[string]string{"Event": "Custom"}},
		{name: "data adds, literally", event: "answer", data: []Param{{"X-PH-Tag", "{call_uuid}"}}, want: map[string]string{"X-PH-Tag": "{call_uuid}"}},
		{name: "duration moves the times", event: "hangup", settings: []Setting{{Name: "duration", Value: "60", Flag: "--set duration"}, {Name: "ring_duration", Value: "5"}},
			want: map[string]string{"Duration": "60", "BillDuration": "60", "AnswerTime": "2026-07-01 09:29:00", "StartTime": "2026-07-01 09:28:55", "EndTime": "2026-07-01 09:30:00"}},
		{name: "a set fact drives conditions", event: "dial", settings: []Setting{{Name: "direction", Value: "outbound", Flag: "--set direction"}},
			want: map[string]string{"Direction": "outbound", "ALegUUID": ""}},
		{name: "bad method", event: "answer", method: "PUT", wantErr: `invalid method "PUT" (want GET or POST)`},
		{name: "unknown event", event: "anwser", wantErr: `unknown vobiz event "anwser"`},
	}
	c, _ := DefaultCatalog()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := c.Plan(PlanOptions{Dialect: "vobiz", Event: tt.event, Settings: tt.settings, Data: tt.data, Method: tt.method})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := paramMap(p.Values(NewGenerator(5, fixedClock)))
			for name, want := range tt.want {
				if want == "" {
					if _, ok := got[name]; !ok {
						t.Errorf("%s missing", name)
					}
					continue
				}
				if got[name] != want {
					t.Errorf("%s = %q, want %q", name, got[name], want)
				}
			}
		})
	}
}

func TestUnknownEventHint(t *testing.T) {
	c, _ := DefaultCatalog()
	_, err := c.Plan(PlanOptions{Dialect: "vobiz", Event: "dial-ev"})
	ue, ok := err.(*UnknownEventError)
	if !ok || !strings.Contains(ue.Hint(), "dial-event") {
		t.Fatalf("error %v (hint %q), want an UnknownEventError suggesting dial-event", err, ue.Hint())
	}
	if _, err := c.Plan(PlanOptions{Dialect: "klingon", Event: "answer"}); err == nil || !strings.Contains(err.Error(), "want one of vobiz") {
		t.Errorf("unknown dialect error = %v", err)
	}
}

func TestPlanReplyKind(t *testing.T) {
	tests := []struct {
		event    string
		settings []Setting
		want     ReplyKind
		budget   Budget
	}{
		{"answer", nil, ReplyXML, Budget{Warn: Duration(2 * time.Second), Fail: Duration(10 * time.Second)}},
		{"gather", nil, ReplyXML, Budget{Warn: Duration(2 * time.Second)}},
		{"gather", []Setting{{Name: "redirect", Value: "false"}}, ReplyAck, Budget{Warn: Duration(3 * time.Second)}},
		{"record", nil, ReplyEmpty, Budget{Warn: Duration(3 * time.Second)}},
		{"record", []Setting{{Name: "redirect", Value: "true"}}, ReplyXML, Budget{Warn: Duration(2 * time.Second)}},
		{"hangup", nil, ReplyAck, Budget{Warn: Duration(3 * time.Second)}},
	}
	for _, tt := range tests {
		t.Run(tt.event+strconv.Itoa(len(tt.settings)), func(t *testing.T) {
			p := mustPlan(t, PlanOptions{Event: tt.event, Settings: tt.settings})
			if p.Reply != tt.want || p.Budget != tt.budget {
				t.Errorf("reply %s budget %+v, want %s %+v", p.Reply, p.Budget, tt.want, tt.budget)
			}
		})
	}
}

// TestFactsAgreeWithinARequest checks that one fact has one value across parameters and that the
// clock facts are consistent, over many random draws.
func TestFactsAgreeWithinARequest(t *testing.T) {
	p := mustPlan(t, PlanOptions{Event: "hangup", Settings: []Setting{{Name: "direction", Value: "outbound"}}})
	g := NewGenerator(11, fixedClock)
	for range 200 {
		v := paramMap(p.Values(g))
		if v["CallUUID"] != v["ALegUUID"] || v["ALegRequestUUID"] != v["RequestUUID"] {
			t.Fatalf("ids disagree: %v", v)
		}
		start, _ := time.Parse("2006-01-02 15:04:05", v["StartTime"])
		answer, _ := time.Parse("2006-01-02 15:04:05", v["AnswerTime"])
		end, _ := time.Parse("2006-01-02 15:04:05", v["EndTime"])
		d, _ := strconv.Atoi(v["Duration"])
		if !start.Before(answer) || end.Sub(answer) != time.Duration(d)*time.Second || v["BillDuration"] != v["Duration"] {
			t.Fatalf("times disagree: start %s answer %s end %s duration %d", start, answer, end, d)
		}
		if d < 20 || d > 300 {
			t.Fatalf("duration %d out of 20-300", d)
		}
	}
	rec := mustPlan(t, PlanOptions{Event: "record-stop"})
	for range 100 {
		v := paramMap(rec.Values(g))
		ms, _ := strconv.Atoi(v["RecordingDurationMs"])
		s, _ := strconv.Atoi(v["RecordingDuration"])
		startMs, _ := strconv.ParseInt(v["RecordingStartMs"], 10, 64)
		endMs, _ := strconv.ParseInt(v["RecordingEndMs"], 10, 64)
		if endMs-startMs != int64(ms) || s != (ms+500)/1000 || !strings.Contains(v["RecordUrl"], v["RecordingID"]) {
			t.Fatalf("recording facts disagree: %v", v)
		}
	}
}

func TestFreshValuesPerRequest(t *testing.T) {
	p := mustPlan(t, PlanOptions{Event: "answer"})
	g := NewGenerator(0, nil)
	seen := map[string]bool{}
	for range 1000 {
		id := paramMap(p.Values(g))["CallUUID"]
		if seen[id] {
			t.Fatalf("CallUUID %s repeated", id)
		}
		seen[id] = true
	}
}

func TestSuggest(t *testing.T) {
	known := []string{"answer", "hangup", "Hangup", "dial", "dial-event", "record", "record-stop"}
	tests := []struct {
		in   string
		want []string
	}{
		{"anwser", []string{"answer"}},
		{"dial-ev", []string{"dial-event"}},
		{"HANGUP", []string{"hangup", "Hangup"}},
		{"rec", []string{"record", "record-stop"}},
		{"zzzzzz", []string{}},
	}
	for _, tt := range tests {
		if got := suggest(tt.in, known); !slices.Equal(got, tt.want) {
			t.Errorf("suggest(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
