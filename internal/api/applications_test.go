package api_test

import (
	"encoding/json"
	"errors"
	"io"
	"net"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vobizctl/vobizctl/internal/api"
	"github.com/vobizctl/vobizctl/internal/api/apitest"
)

func TestApplicationLifecycle(t *testing.T) {
	s := apitest.NewServer(t)
	c, _ := newTestClient(t, s, nil)
	ctx := t.Context()

	created, err := c.CreateApplication(ctx, api.CreateParams{
		AppName: "ivr", AnswerURL: "https://example.com/answer", DefaultNumberApp: ptr(true),
	})
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	if created.AppID == "" || created.Message != "created" || created.APIID == "" {
		t.Fatalf("create response = %+v, want app_id, api_id and message \"created\"", created)
	}
	got, err := c.GetApplication(ctx, created.AppID)
	if err != nil {
		t.Fatalf("get: %v", err)
	}
	want := api.Application{AppID: created.AppID, AppName: "ivr", AnswerURL: "https://example.com/answer",
		HangupURL: "https://example.com/answer", DefaultNumberApp: true, Enabled: true}
	opts := cmp.Options{cmpFields("AppID", "AppName", "AnswerURL", "HangupURL", "DefaultNumberApp", "Enabled")}
	if diff := cmp.Diff(want, got, opts); diff != "" {
		t.Errorf("get mismatch (-want +got):\n%s", diff)
	}
	if got.APIID == "" || len(got.Raw) == 0 {
		t.Errorf("get: api_id %q and raw %q should be set", got.APIID, got.Raw)
	}

	updated, err := c.UpdateApplication(ctx, created.AppID, api.UpdateParams{HangupURL: ptr("https://example.com/hangup")})
	if err != nil || updated.Message != "changed" {
		t.Fatalf("update = %+v, %v; want message \"changed\"", updated, err)
	}
	if app, _ := s.App(created.AppID); app["hangup_url"] != "https://example.com/hangup" || app["app_name"] != "ivr" {
		t.Errorf("after update the server holds %v", app)
	}

	if err := c.DeleteApplication(ctx, created.AppID); err != nil {
		t.Fatalf("delete: %v", err)
	}
	if _, err := c.GetApplication(ctx, created.AppID); !api.IsNotFound(err) {
		t.Errorf("get after delete = %v, want 404", err)
	}
}

func TestRequestsCarryHeadersAndExactPaths(t *testing.T) {
	s := apitest.NewServer(t)
	c, _ := newTestClient(t, s, nil)
	id := s.AddApp("a", "https://example.com/a")
	ctx := t.Context()
	_, _ = c.GetApplication(ctx, id)
	_, _ = c.ListApplications(ctx, api.ListOptions{Limit: 5, Offset: 2})
	_, _ = c.CreateApplication(ctx, api.CreateParams{AppName: "b", AnswerURL: "https://example.com/b"})
	_ = c.DeleteApplication(ctx, id)

	var lines []string
	for _, r := range s.Requests() {
		lines = append(lines, r.Method+" "+r.Path+" "+r.Query)
		if r.Header.Get("X-Auth-ID") != s.AuthID || r.Header.Get("X-Auth-Token") != "[REDACTED]" {
			t.Errorf("%s %s: auth headers %v", r.Method, r.Path, r.Header)
		}
		if r.Header.Get("User-Agent") != "vobizctl/test" || r.Header.Get("Accept") != "application/json" {
			t.Errorf("%s %s: User-Agent %q, Accept %q", r.Method, r.Path, r.Header.Get("User-Agent"), r.Header.Get("Accept"))
		}
		if wantCT := r.Method == "POST"; (r.Header.Get("Content-Type") == "application/json") != wantCT {
			t.Errorf("%s %s: Content-Type %q", r.Method, r.Path, r.Header.Get("Content-Type"))
		}
	}
	want := []string{
		"GET /api/v1/Account/MA_FAKE0001/Application/10000000000000001/ ",
		"GET /api/v1/Account/MA_FAKE0001/Application/ limit=5&offset=2",
		"POST /api/v1/Account/MA_FAKE0001/Application/ ",
		"DELETE /api/v1/Account/MA_FAKE0001/Application/10000000000000001/ ",
	}
	if diff := cmp.Diff(want, lines); diff != "" {
		t.Errorf("requests mismatch (-want +got):\n%s", diff)
	}
}

func TestUpdateSendsOnlySetFields(t *testing.T) {
	tests := []struct {
		name   string
		params api.UpdateParams
		want   map[string]any
	}{
		{"one field", api.UpdateParams{AnswerURL: ptr("https://example.com/new")}, map[string]any{"answer_url": "https://example.com/new"}},
		{"explicit false", api.UpdateParams{DefaultNumberApp: ptr(false), LogIncomingMessages: ptr(false)},
			map[string]any{"default_number_app": false, "log_incoming_messages": false}},
		{"clear fallback", api.UpdateParams{FallbackAnswerURL: ptr(""), AnswerMethod: ptr("GET")},
			map[string]any{"fallback_answer_url": "", "answer_method": "GET"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := apitest.NewServer(t)
			c, _ := newTestClient(t, s, nil)
			id := s.AddApp("a", "https://example.com/a")
			if _, err := c.UpdateApplication(t.Context(), id, tt.params); err != nil {
				t.Fatal(err)
			}
			reqs := s.Requests()
			var body map[string]any
			if err := json.Unmarshal([]byte(reqs[len(reqs)-1].Body), &body); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, body); diff != "" {
				t.Errorf("update body mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCreateSendsOnlyGivenFields(t *testing.T) {
	s := apitest.NewServer(t)
	c, _ := newTestClient(t, s, nil)
	_, err := c.CreateApplication(t.Context(), api.CreateParams{
		AppName: "a", AnswerURL: "https://example.com/a", HangupMethod: "GET", LogIncomingMessages: ptr(false),
	})
	if err != nil {
		t.Fatal(err)
	}
	var body map[string]any
	if err := json.Unmarshal([]byte(s.Requests()[0].Body), &body); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"app_name": "a", "answer_url": "https://example.com/a", "hangup_method": "GET", "log_incoming_messages": false}
	if diff := cmp.Diff(want, body); diff != "" {
		t.Errorf("create body mismatch (-want +got):\n%s", diff)
	}
}

func TestLocalValidationSendsNothing(t *testing.T) {
	s := apitest.NewServer(t)
	c, _ := newTestClient(t, s, nil)
	ctx := t.Context()
	errs := []error{
		func() error {
			_, err := c.CreateApplication(ctx, api.CreateParams{AppName: "bad name", AnswerURL: "https://e.com"})
			return err
		}(),
		func() error { _, err := c.UpdateApplication(ctx, "1", api.UpdateParams{}); return err }(),
		func() error {
			_, err := c.UpdateApplication(ctx, "1/../2", api.UpdateParams{AppName: ptr("x")})
			return err
		}(),
		func() error { _, err := c.GetApplication(ctx, ""); return err }(),
		c.DeleteApplication(ctx, "a/b"),
		func() error { _, err := c.ListApplications(ctx, api.ListOptions{Limit: 500}); return err }(),
	}
	for i, err := range errs {
		if !api.IsValidationError(err) {
			t.Errorf("call %d: error %v is not a validation error", i, err)
		}
	}
	if n := len(s.Requests()); n != 0 {
		t.Errorf("%d requests were sent, want none", n)
	}
}

func TestErrorsFromTheFakeAPI(t *testing.T) {
	s := apitest.NewServer(t)
	ctx := t.Context()
	c, _ := newTestClient(t, s, nil)
	id := s.AddApp("busy", "https://example.com/a")
	s.AttachNumber(id, "+919876543210")

	_, err := c.GetApplication(ctx, "999")
	wantText := "HTTP 404: application not found (GET /Account/MA_FAKE0001/Application/999/)"
	if err == nil || err.Error() != wantText || !api.IsNotFound(err) {
		t.Errorf("get unknown = %v, want %q", err, wantText)
	}

	err = c.DeleteApplication(ctx, id)
	var he *api.HTTPError
	if !errors.As(err, &he) || !api.IsConflict(err) {
		t.Fatalf("delete with numbers = %v, want a 409 HTTPError", err)
	}
	if want := "HTTP 409: cannot delete application: application is currently in use by 1 phone numbers (DELETE /Account/MA_FAKE0001/Application/" + id + "/)"; he.Error() != want {
		t.Errorf("409 text = %q\nwant       %q", he.Error(), want)
	}
	if !strings.Contains(he.Hint(), "detach the phone numbers") || !strings.Contains(he.Hint(), id) {
		t.Errorf("409 hint = %q, want advice to detach the numbers of %s", he.Hint(), id)
	}

	_, err = c.CreateApplication(ctx, api.CreateParams{AppName: "x", AnswerURL: "https://example.com/a", Subaccount: "SA_1"})
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	_, err = c.UpdateApplication(ctx, "10000000000000002", api.UpdateParams{Subaccount: ptr("SA_2")})
	if want := "HTTP 400: invalid request parameters: subaccount: sub_account cannot be changed (POST /Account/MA_FAKE0001/Application/10000000000000002/)"; err == nil || err.Error() != want {
		t.Errorf("update subaccount = %v\nwant %q", err, want)
	}
}

func TestAuthErrors(t *testing.T) {
	s := apitest.NewServer(t)
	tests := []struct {
		name    string
		id      string
		token   string
		wantErr string
	}{
		{"wrong token", "", "wrong-token-value", "HTTP 401: invalid auth ID or auth token (GET /Account/MA_FAKE0001/Application/)"},
		{"other account", "MA_OTHER01", "", "HTTP 401: invalid auth ID or auth token (GET /Account/MA_OTHER01/Application/)"},
		{"missing token", "", "-", api.ErrMissingCredentials.Error()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := newTestClient(t, s, func(o *api.Options) {
				if tt.id != "" {
					o.AuthID = tt.id
				}
				switch tt.token {
				case "-":
					o.AuthToken = ""
				case "":
				default:
					o.AuthToken = tt.token
				}
			})
			_, err := c.ListApplications(t.Context(), api.ListOptions{})
			if err == nil || err.Error() != tt.wantErr || !api.IsAuth(err) {
				t.Errorf("err = %v, want auth error %q", err, tt.wantErr)
			}
			if tt.token != "" && tt.token != "-" && strings.Contains(err.Error(), tt.token) {
				t.Errorf("error leaks the token: %v", err)
			}
		})
	}
}

// cmpFields compares only the named Application fields.
func cmpFields(names ...string) cmp.Option {
	keep := map[string]bool{}
	for _, n := range names {
		keep[n] = true
	}
	return cmp.FilterPath(func(p cmp.Path) bool {
		sf, ok := p.Last().(cmp.StructField)
		return ok && !keep[sf.Name()]
	}, cmp.Ignore())
}

func TestAuthHeaderCasingOnTheWire(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	raw := make(chan string, 1)
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			raw <- ""
			return
		}
		defer conn.Close()
		buf := make([]byte, 4096)
		n, _ := conn.Read(buf)
		raw <- string(buf[:n])
		_, _ = io.WriteString(conn, "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n")
	}()
	c := api.New(api.Options{BaseURL: "http://" + ln.Addr().String() + "/api/v1", AuthID: "MA_X", AuthToken: "tok"})
	if err := c.DeleteApplication(t.Context(), "7"); err != nil {
		t.Fatal(err)
	}
	got := <-raw
	for _, want := range []string{"DELETE /api/v1/Account/MA_X/Application/7/ HTTP/1.1\r\n", "\r\nX-Auth-ID: MA_X\r\n", "\r\nX-Auth-Token: tok\r\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("request lacks %q:\n%s", want, got)
		}
	}
}
