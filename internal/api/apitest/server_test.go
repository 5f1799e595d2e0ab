package apitest

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// do sends a raw request with the default credentials unless auth is false.
func do(t *testing.T, s *Server, method, path, body string, auth bool) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, s.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if auth {
		req.Header.Set("X-Auth-ID", s.AuthID)
		req.Header.Set("X-Auth-Token", s.AuthToken)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	var out map[string]any
	if len(data) > 0 {
		if err := json.Unmarshal(data, &out); err != nil {
			t.Fatalf("%s %s: body %q is not a JSON object", method, path, data)
		}
	}
	return res.StatusCode, out
}

func TestRoutingAndAuth(t *testing.T) {
	s := NewServer(t)
	id := s.AddApp("a", "https://example.com/a")
	tests := []struct {
		name       string
		method     string
		path       string
		auth       bool
		wantStatus int
		wantError  any // the "error" member of the body
	}{
		{"list", "GET", "/Account/MA_FAKE0001/Application/", true, 200, nil},
		{"get", "GET", "/Account/MA_FAKE0001/Application/" + id + "/", true, 200, nil},
		{"no credentials", "GET", "/Account/MA_FAKE0001/Application/", false, 401,
			map[string]any{"code": "INVALID_CREDENTIALS", "message": "Authentication credentials were not provided"}},
		{"other account", "GET", "/Account/MA_OTHER/Application/", true, 401,
			map[string]any{"code": "INVALID_CREDENTIALS", "message": "Invalid auth ID or auth token"}},
		{"lowercase account", "GET", "/account/MA_FAKE0001/Application/", true, 404, "Not found"},
		{"lowercase application", "GET", "/Account/MA_FAKE0001/application/", true, 404, "Not found"},
		{"missing trailing slash", "GET", "/Account/MA_FAKE0001/Application", true, 404, "Not found"},
		{"missing trailing slash on an app", "GET", "/Account/MA_FAKE0001/Application/" + id, true, 404, "Not found"},
		{"unknown app", "GET", "/Account/MA_FAKE0001/Application/42/", true, 404, "Application not found"},
		{"PUT is not the update verb", "PUT", "/Account/MA_FAKE0001/Application/" + id + "/", true, 405, "Method not allowed"},
		{"no version", "GET", "/../Account/MA_FAKE0001/Application/", true, 404, "Not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := do(t, s, tt.method, tt.path, "", tt.auth)
			if status != tt.wantStatus {
				t.Errorf("status = %d, want %d (body %v)", status, tt.wantStatus, body)
			}
			if diff := cmp.Diff(tt.wantError, body["error"]); diff != "" {
				t.Errorf("error member mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCreateValidationAndDefaults(t *testing.T) {
	s := NewServer(t)
	status, body := do(t, s, "POST", s.AppsPath(), `{"app_name":"bad name","answer_method":"PUT"}`, true)
	want := map[string]any{"error": "invalid request parameters", "details": map[string]any{
		"app_name":      "Only letters, digits, hyphens and underscores are allowed (max 60)",
		"answer_method": "Must be GET or POST",
		"answer_url":    "This field is required",
	}}
	if status != 400 || !cmp.Equal(want, body) {
		t.Errorf("invalid create = %d %v", status, body)
	}
	status, body = do(t, s, "POST", s.AppsPath(), `[1]`, true)
	if status != 400 {
		t.Errorf("non-object create = %d %v, want 400", status, body)
	}

	status, body = do(t, s, "POST", s.AppsPath(), `{"app_name":"ok","answer_url":"https://example.com/a","log_incoming_messages":false,"fallback_answer_url":""}`, true)
	if status != 201 || body["app_id"] != "10000000000000001" || body["message"] != "created" {
		t.Fatalf("create = %d %v", status, body)
	}
	app, _ := s.App("10000000000000001")
	checks := map[string]any{
		"hangup_url": "https://example.com/a", "answer_method": "POST", "log_incoming_message": false,
		"fallback_answer_url": nil, "sip_uri": "sip:10000000000000001@app.vobiz.ai", "sub_account": nil,
		"resource_uri": "/v1/Account/MA_FAKE0001/Application/10000000000000001/",
		"created_at":   "2026-04-02 12:11:19.740666+00:00",
	}
	for key, want := range checks {
		if app[key] != want {
			t.Errorf("%s = %v, want %v", key, app[key], want)
		}
	}
	if _, ok := app["log_incoming_messages"]; ok {
		t.Error("the plural request name leaked into the object")
	}
}

func TestListPaging(t *testing.T) {
	s := NewServer(t)
	for range 3 {
		s.AddApp("a", "https://example.com/a")
	}
	tests := []struct {
		query      string
		wantStatus int
		wantMeta   map[string]any
		wantCount  int
	}{
		{"", 200, map[string]any{"limit": 20.0, "offset": 0.0, "total_count": 3.0, "next": nil, "previous": nil}, 3},
		{"?limit=2", 200, map[string]any{"limit": 2.0, "offset": 0.0, "total_count": 3.0,
			"next": "/v1/Account/MA_FAKE0001/Application/?limit=2&offset=2", "previous": nil}, 2},
		{"?limit=2&offset=2", 200, map[string]any{"limit": 2.0, "offset": 2.0, "total_count": 3.0,
			"next": nil, "previous": "/v1/Account/MA_FAKE0001/Application/?limit=2&offset=0"}, 1},
		{"?offset=10", 200, map[string]any{"limit": 20.0, "offset": 10.0, "total_count": 3.0,
			"next": nil, "previous": "/v1/Account/MA_FAKE0001/Application/?limit=20&offset=0"}, 0},
		{"?limit=101", 400, nil, 0},
		{"?limit=0", 400, nil, 0},
		{"?offset=-1", 400, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			status, body := do(t, s, "GET", s.AppsPath()+tt.query, "", true)
			if status != tt.wantStatus {
				t.Fatalf("status = %d, want %d (%v)", status, tt.wantStatus, body)
			}
			if tt.wantStatus != 200 {
				return
			}
			if diff := cmp.Diff(tt.wantMeta, body["meta"]); diff != "" {
				t.Errorf("meta mismatch (-want +got):\n%s", diff)
			}
			if objs, _ := body["objects"].([]any); len(objs) != tt.wantCount {
				t.Errorf("%d objects, want %d", len(objs), tt.wantCount)
			}
		})
	}
}

func TestUpdateDeleteAndNumbers(t *testing.T) {
	s := NewServer(t)
	id := s.AddApp("a", "https://example.com/a")
	appPath := s.AppPath(id)
	if status, body := do(t, s, "POST", appPath, `{"answer_url":"ftp://x"}`, true); status != 400 {
		t.Errorf("invalid update = %d %v", status, body)
	}
	if status, body := do(t, s, "POST", appPath, `{"app_name":"b","default_number_app":true}`, true); status != 202 || body["message"] != "changed" {
		t.Errorf("update = %d %v", status, body)
	}
	if app, _ := s.App(id); app["app_name"] != "b" || app["default_number_app"] != true || app["answer_url"] != "https://example.com/a" {
		t.Errorf("after update: %v", app)
	}
	numberPath := "/account/MA_FAKE0001/numbers/%2B919876543210/application"
	if status, body := do(t, s, "POST", numberPath, `{"application_id":"`+id+`"}`, true); status != 200 || body["number"] != "+919876543210" {
		t.Errorf("attach = %d %v", status, body)
	}
	status, body := do(t, s, "DELETE", appPath, "", true)
	want := map[string]any{"error": "Cannot delete application", "message": "Application is currently in use by 1 phone numbers"}
	if status != 409 || !cmp.Equal(want, body) {
		t.Errorf("delete with a number = %d %v", status, body)
	}
	if status, _ := do(t, s, "DELETE", numberPath, "", true); status != 200 {
		t.Errorf("detach = %d", status)
	}
	if status, body := do(t, s, "DELETE", appPath, "", true); status != 204 || body != nil {
		t.Errorf("delete = %d %v, want 204 with no body", status, body)
	}
	if status, _ := do(t, s, "DELETE", appPath, "", true); status != 404 {
		t.Errorf("second delete = %d, want 404", status)
	}
}

func TestFailuresAndLog(t *testing.T) {
	s := NewServer(t)
	s.FailNext(1, Failure{Status: 429, RetryAfter: "3"})
	s.FailNext(1, Failure{Status: 503})
	status, body := do(t, s, "GET", s.AppsPath(), "", true)
	wantErr := map[string]any{"code": "RATE_LIMIT_EXCEEDED", "message": "Too many requests", "details": map[string]any{"retryAfter": 3.0}}
	if status != 429 || !cmp.Equal(wantErr, body["error"]) {
		t.Errorf("first = %d %v", status, body)
	}
	if status, _ := do(t, s, "GET", s.AppsPath(), "", true); status != 503 {
		t.Errorf("second = %d, want 503", status)
	}
	if status, _ := do(t, s, "GET", s.AppsPath(), "", true); status != 200 {
		t.Errorf("third = %d, want 200", status)
	}
	s.FailNext(1, Failure{Drop: true})
	req, _ := http.NewRequest("GET", s.URL+s.AppsPath(), nil)
	if res, err := (&http.Client{Transport: &http.Transport{}}).Do(req); err == nil {
		res.Body.Close()
		t.Error("dropped request got a response")
	}
	if n := s.Count("GET", s.AppsPath()); n != 4 {
		t.Errorf("Count = %d, want 4", n)
	}
	for _, r := range s.Requests() {
		if r.Header.Get("X-Auth-Token") == s.AuthToken {
			t.Errorf("request log keeps the token: %v", r.Header)
		}
	}
}

func TestFailureFilters(t *testing.T) {
	s := NewServer(t)
	id := s.AddApp("a", "https://example.com/a")
	s.FailNext(1, Failure{Status: 503, Method: "POST", Path: s.AppsPath()})
	steps := []struct {
		method, path, body string
		want               int
	}{
		{"GET", s.AppsPath(), "", 200},                   // other method
		{"POST", s.AppPath(id), `{"app_name":"b"}`, 202}, // other path
		{"POST", s.AppsPath(), `{"app_name":"c","answer_url":"https://e.com"}`, 503},
		{"POST", s.AppsPath(), `{"app_name":"c","answer_url":"https://e.com"}`, 201}, // used up
	}
	for i, st := range steps {
		if got, body := do(t, s, st.method, st.path, st.body, true); got != st.want {
			t.Errorf("step %d: %s %s = %d %v, want %d", i, st.method, st.path, got, body, st.want)
		}
	}
}
