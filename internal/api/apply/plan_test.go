package apply

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/vobizctl/vobizctl/internal/api"
)

func TestMakePlan(t *testing.T) {
	existing := []api.Application{
		{AppID: "1", AppName: "same", AnswerURL: "https://e.com/a", AnswerMethod: "POST", HangupURL: "https://e.com/a", LogIncomingMessage: true},
		{AppID: "2", AppName: "changed", AnswerURL: "https://e.com/old", AnswerMethod: "POST", DefaultNumberApp: true, FallbackAnswerURL: "https://e.com/fb"},
		{AppID: "3", AppName: "not-in-file", AnswerURL: "https://e.com/x"},
	}
	file := File{Applications: []Spec{
		{Name: "new", AnswerURL: ptr("https://e.com/new"), HangupMethod: ptr("GET"), DefaultEndpointApp: ptr(false), Subaccount: ptr("SA_1")},
		{Name: "same", AnswerURL: ptr("https://e.com/a"), AnswerMethod: ptr("POST"), LogIncomingMessages: ptr(true)},
		{Name: "changed", AnswerURL: ptr("https://e.com/new"), AnswerMethod: ptr("POST"), DefaultNumberApp: ptr(false), FallbackAnswerURL: ptr("")},
	}}
	got, err := MakePlan(file, existing)
	if err != nil {
		t.Fatal(err)
	}
	want := Plan{Changes: []Change{
		{Action: Create, Name: "new", Fields: []FieldChange{
			{Field: "answer_url", To: "https://e.com/new"},
			{Field: "hangup_method", To: "GET"},
			{Field: "default_endpoint_app", To: false},
			{Field: "subaccount", To: "SA_1"},
		}},
		{Action: Unchanged, Name: "same", AppID: "1"},
		{Action: Update, Name: "changed", AppID: "2", Fields: []FieldChange{
			{Field: "answer_url", From: "https://e.com/old", To: "https://e.com/new"},
			{Field: "fallback_answer_url", From: "https://e.com/fb", To: ""},
			{Field: "default_number_app", From: true, To: false},
		}},
	}}
	if diff := cmp.Diff(want, got, cmpopts.IgnoreUnexported(Change{})); diff != "" {
		t.Errorf("plan mismatch (-want +got):\n%s", diff)
	}
	counts := [3]int{got.Count(Create), got.Count(Update), got.Count(Unchanged)}
	if counts != [3]int{1, 1, 1} {
		t.Errorf("counts = %v, want 1 of each", counts)
	}
	if diff := cmp.Diff(api.UpdateParams{AnswerURL: ptr("https://e.com/new"), FallbackAnswerURL: ptr(""), DefaultNumberApp: ptr(false)},
		got.Changes[2].updateParams()); diff != "" {
		t.Errorf("update params mismatch (-want +got):\n%s", diff)
	}
	wantCreate := api.CreateParams{AppName: "new", AnswerURL: "https://e.com/new", HangupMethod: "GET", DefaultEndpointApp: ptr(false), Subaccount: "SA_1"}
	if diff := cmp.Diff(wantCreate, got.Changes[0].spec.createParams()); diff != "" {
		t.Errorf("create params mismatch (-want +got):\n%s", diff)
	}
}

func TestMakePlanRefusals(t *testing.T) {
	tests := []struct {
		name     string
		existing []api.Application
		spec     Spec
		want     string
	}{
		{"ambiguous name", []api.Application{{AppID: "1", AppName: "a"}, {AppID: "2", AppName: "a"}},
			Spec{Name: "a", AnswerURL: ptr("https://e.com")},
			`application name "a" is used by 2 applications (IDs 1, 2): rename or delete the extra ones so apply knows which to manage`},
		{"subaccount change", []api.Application{{AppID: "1", AppName: "a"}},
			Spec{Name: "a", AnswerURL: ptr("https://e.com"), Subaccount: ptr("SA_2")},
			`application "a" (1) belongs to subaccount "", the file says "SA_2": the subaccount is fixed at create; delete and re-create the app to move it`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := MakePlan(File{Applications: []Spec{tt.spec}}, tt.existing)
			if err == nil || err.Error() != tt.want {
				t.Errorf("err = %v\nwant  %s", err, tt.want)
			}
		})
	}
}
