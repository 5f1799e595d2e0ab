package apply

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func ptr[T any](v T) *T { return &v }

func TestParseValidFile(t *testing.T) {
	input := `# two apps
version: 1
applications:
  - name: ivr
    answer_url: https://example.com/answer
    answer_method: GET
    default_number_app: true
  - name: support
    answer_url: https://example.com/support
    fallback_answer_url: ""
    log_incoming_messages: false
    subaccount: SA_TEAM1
`
	got, err := Parse(strings.NewReader(input), "vobiz.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := File{Version: 1, Applications: []Spec{
		{Name: "ivr", AnswerURL: ptr("https://example.com/answer"), AnswerMethod: ptr("GET"), DefaultNumberApp: ptr(true), Line: 4},
		{Name: "support", AnswerURL: ptr("https://example.com/support"), FallbackAnswerURL: ptr(""),
			LogIncomingMessages: ptr(false), Subaccount: ptr("SA_TEAM1"), Line: 8},
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Parse mismatch (-want +got):\n%s", diff)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  string
	}{
		{"empty", "", `vobiz.yaml: the file is empty; it needs an "applications:" list`},
		{"not yaml", "applications: [", "vobiz.yaml: invalid YAML: yaml: line 1: did not find expected node content"},
		{"top level list", "- name: a\n", `vobiz.yaml:1: the top level must be a mapping with "version" and "applications"`},
		{"unknown top key", "apps:\n  - name: a\n", `vobiz.yaml:1: unknown field "apps" in the top level: want one of version, applications`},
		{"unknown app key", "applications:\n  - name: a\n    answer_url: https://e.com\n    answer_ur: x\n",
			`vobiz.yaml:4: unknown field "answer_ur" in application 1: want one of name, answer_url, answer_method, hangup_url, hangup_method, fallback_answer_url, fallback_method, message_url, message_method, default_number_app, default_endpoint_app, log_incoming_messages, subaccount`},
		{"entry not a mapping", "applications:\n  - ivr\n", `vobiz.yaml:2: application 1 must be a mapping of fields`},
		{"bad bool", "applications:\n  - name: a\n    answer_url: https://e.com\n    default_number_app: maybe\n",
			"vobiz.yaml: line 4: cannot unmarshal !!str `maybe` into a boolean (want true or false)"},
		{"applications not a list", "applications: ivr\n", `vobiz.yaml:1: "applications" must be a list of entries ("- name: …")`},
		{"version 2", "version: 2\napplications:\n  - name: a\n    answer_url: https://e.com\n", "vobiz.yaml: unsupported version 2: want 1"},
		{"no applications", "version: 1\n", `vobiz.yaml: no applications: add at least one entry under "applications:"`},
		{"no name", "applications:\n  - answer_url: https://e.com\n", `vobiz.yaml:2: an application without a name: every entry needs "name:"`},
		{"no answer url", "applications:\n  - name: a\n", `vobiz.yaml:2: application "a": answer_url is required`},
		{"bad name", "applications:\n  - name: my app\n    answer_url: https://e.com\n",
			`vobiz.yaml:2: application "my app": invalid app_name "my app": use 1 to 60 letters, digits, "-" or "_"`},
		{"bad url", "applications:\n  - name: a\n    answer_url: e.com/answer\n",
			`vobiz.yaml:2: application "a": invalid answer_url "e.com/answer": must be an absolute http or https URL`},
		{"bad method", "applications:\n  - name: a\n    answer_url: https://e.com\n    hangup_method: put\n",
			`vobiz.yaml:2: application "a": invalid hangup_method "put": must be GET or POST`},
		{"bad subaccount", "applications:\n  - name: a\n    answer_url: https://e.com\n    subaccount: SA 1\n",
			`vobiz.yaml:2: application "a": invalid subaccount "SA 1": must be a sub-account auth ID such as "SA_XXXXXXXX"`},
		{"duplicate", "applications:\n  - name: a\n    answer_url: https://e.com\n  - name: a\n    answer_url: https://f.com\n",
			`vobiz.yaml:4: application "a" is already defined on line 2: names must be unique`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.input), "vobiz.yaml")
			if err == nil || err.Error() != tt.want {
				t.Errorf("err = %v\nwant  %s", err, tt.want)
			}
		})
	}
}

func TestExampleFileParses(t *testing.T) {
	f, err := openExample()
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Applications) == 0 {
		t.Error("examples/vobiz.yaml has no applications")
	}
}
