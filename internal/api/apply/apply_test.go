package apply_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vobizctl/vobizctl/internal/api"
	"github.com/vobizctl/vobizctl/internal/api/apitest"
	"github.com/vobizctl/vobizctl/internal/api/apply"
)

const desired = `applications:
  - name: ivr
    answer_url: https://example.com/ivr
    hangup_url: https://example.com/hangup
  - name: voicemail
    answer_url: https://example.com/vm
    answer_method: GET
    default_number_app: true
`

func newClient(s *apitest.Server) *api.Client {
	return api.New(api.Options{BaseURL: s.URL, AuthID: s.AuthID, AuthToken: s.AuthToken,
		Sleep: func(ctx context.Context, _ time.Duration) error { return ctx.Err() }})
}

func plan(t *testing.T, c *api.Client, yaml string) apply.Plan {
	t.Helper()
	f, err := apply.Parse(strings.NewReader(yaml), "vobiz.yaml")
	if err != nil {
		t.Fatal(err)
	}
	existing, err := c.ListAllApplications(t.Context(), 0)
	if err != nil {
		t.Fatal(err)
	}
	p, err := apply.MakePlan(f, existing)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestApplyIsIdempotent(t *testing.T) {
	s := apitest.NewServer(t)
	c := newClient(s)
	s.AddApp("voicemail", "https://example.com/old-vm")

	p := plan(t, c, desired)
	var done []string
	err := apply.Apply(t.Context(), c, p, func(ch apply.Change) { done = append(done, string(ch.Action)+" "+ch.Name+" "+ch.AppID) })
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"create ivr 10000000000000002", "update voicemail 10000000000000001"}, done); diff != "" {
		t.Errorf("applied changes mismatch (-want +got):\n%s", diff)
	}
	vm, _ := s.App("10000000000000001")
	if vm["answer_url"] != "https://example.com/vm" || vm["answer_method"] != "GET" || vm["default_number_app"] != true {
		t.Errorf("voicemail after apply: %v", vm)
	}

	again := plan(t, c, desired)
	if n := again.Count(apply.Unchanged); n != 2 {
		t.Errorf("second plan: %d unchanged, want 2: %+v", n, again)
	}
	before := len(s.Requests())
	if err := apply.Apply(t.Context(), c, again, nil); err != nil || len(s.Requests()) != before {
		t.Errorf("applying an unchanged plan sent %d requests (err %v)", len(s.Requests())-before, err)
	}
}

func TestApplyStopsAtTheFirstFailureAndResumes(t *testing.T) {
	s := apitest.NewServer(t)
	c := newClient(s)
	p := plan(t, c, desired)
	s.FailNext(1, apitest.Failure{Status: 503})
	err := apply.Apply(t.Context(), c, p, nil)
	var he *api.HTTPError
	if !errors.As(err, &he) || !strings.HasPrefix(err.Error(), `create application "ivr": HTTP 503`) {
		t.Fatalf("err = %v, want the 503 of the first create", err)
	}
	if n := s.Count("POST", s.AppsPath()); n != 1 || len(s.Apps()) != 0 {
		t.Errorf("%d create requests, %d apps; want 1 and 0 (no retry of a create)", n, len(s.Apps()))
	}
	if err := apply.Apply(t.Context(), c, plan(t, c, desired), nil); err != nil {
		t.Fatal(err)
	}
	if n := len(s.Apps()); n != 2 {
		t.Errorf("%d apps after the re-run, want 2", n)
	}
}
