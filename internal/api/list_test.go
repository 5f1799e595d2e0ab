package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vobizctl/vobizctl/internal/api"
	"github.com/vobizctl/vobizctl/internal/api/apitest"
)

func TestListApplicationsOnePage(t *testing.T) {
	s := apitest.NewServer(t)
	c, _ := newTestClient(t, s, nil)
	for i := range 5 {
		s.AddApp(fmt.Sprintf("app-%d", i), "https://example.com/a")
	}
	page, err := c.ListApplications(t.Context(), api.ListOptions{Limit: 2, Offset: 2})
	if err != nil {
		t.Fatal(err)
	}
	want := api.Meta{Limit: 2, Offset: 2, TotalCount: 5,
		Next:     "/v1/Account/MA_FAKE0001/Application/?limit=2&offset=4",
		Previous: "/v1/Account/MA_FAKE0001/Application/?limit=2&offset=0"}
	if diff := cmp.Diff(want, page.Meta); diff != "" {
		t.Errorf("meta mismatch (-want +got):\n%s", diff)
	}
	if names := appNames(page.Objects); !cmp.Equal(names, []string{"app-2", "app-3"}) {
		t.Errorf("objects = %v, want app-2, app-3", names)
	}
}

func TestListAllApplicationsFollowsNext(t *testing.T) {
	tests := []struct {
		name      string
		apps      int
		pageSize  int
		wantQuery []string
	}{
		{"three pages of 100", 250, 0, []string{"limit=100", "limit=100&offset=100", "limit=100&offset=200"}},
		{"pages of 20", 45, 20, []string{"limit=20", "limit=20&offset=20", "limit=20&offset=40"}},
		{"exactly one page", 20, 20, []string{"limit=20"}},
		{"no apps", 0, 0, []string{"limit=100"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := apitest.NewServer(t)
			c, _ := newTestClient(t, s, nil)
			var want []string
			for i := range tt.apps {
				name := "app-" + strconv.Itoa(i)
				s.AddApp(name, "https://example.com/a")
				want = append(want, name)
			}
			apps, err := c.ListAllApplications(t.Context(), tt.pageSize)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, appNames(apps)); diff != "" {
				t.Errorf("apps mismatch (-want +got):\n%s", diff)
			}
			var queries []string
			for _, r := range s.Requests() {
				queries = append(queries, r.Query)
			}
			if diff := cmp.Diff(tt.wantQuery, queries); diff != "" {
				t.Errorf("queries mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestListAllRetriesAPageAndKeepsUnknownFields(t *testing.T) {
	s := apitest.NewServer(t)
	c, rec := newTestClient(t, s, nil)
	for i := range 3 {
		s.AddApp("app-"+strconv.Itoa(i), "https://example.com/a")
	}
	s.SetAppField("10000000000000003", "brand_new_field", "kept")
	if _, err := c.ListApplications(t.Context(), api.ListOptions{Limit: 1}); err != nil {
		t.Fatal(err)
	}
	s.FailNext(1, apitest.Failure{Status: 503})
	apps, err := c.ListAllApplications(t.Context(), 2)
	if err != nil || len(apps) != 3 || len(rec.got()) != 1 {
		t.Fatalf("apps %d, err %v, sleeps %v; want 3 apps after one retry", len(apps), err, rec.got())
	}
	if !strings.Contains(string(apps[2].Raw), `"brand_new_field":"kept"`) {
		t.Errorf("raw JSON lost the unknown field: %s", apps[2].Raw)
	}
}

func TestListAllStopsOnMisbehavingServers(t *testing.T) {
	tests := []struct {
		name     string
		next     func(offset int) string
		wantErr  string
		wantReqs int
	}{
		{"repeated link", func(int) string { return "/v1/Account/MA_X/Application/?limit=1&offset=1" },
			`pagination loop: the server sent next link "/v1/Account/MA_X/Application/?limit=1&offset=1" twice`, 2},
		{"endless pages", func(offset int) string {
			return fmt.Sprintf("/v1/Account/MA_X/Application/?limit=1&offset=%d", offset+1)
		},
			"stopped after 1000 pages: the server keeps sending next links", 1000},
		{"other host", func(int) string { return "https://evil.example/api/v1/Account/MA_X/Application/?offset=1" },
			`refusing to follow next link "https://evil.example/api/v1/Account/MA_X/Application/?offset=1": it leaves 127.0.0.1`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var reqs atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				reqs.Add(1)
				offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
				_ = json.NewEncoder(w).Encode(map[string]any{
					"meta":    map[string]any{"limit": 1, "offset": offset, "next": tt.next(offset)},
					"objects": []map[string]any{{"app_id": strconv.Itoa(offset)}},
				})
			}))
			defer srv.Close()
			c := api.New(api.Options{BaseURL: srv.URL + "/api/v1", AuthID: "MA_X", AuthToken: "t"})
			_, err := c.ListAllApplications(t.Context(), 1)
			if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
				t.Errorf("err = %v, want %q", err, tt.wantErr)
			}
			if int(reqs.Load()) != tt.wantReqs {
				t.Errorf("%d requests, want %d", reqs.Load(), tt.wantReqs)
			}
		})
	}
}

func appNames(apps []api.Application) []string {
	var names []string
	for _, a := range apps {
		names = append(names, a.AppName)
	}
	return names
}
