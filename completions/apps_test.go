package completions

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vobizctl/vobizctl/internal/api"
)

// fakeLister counts calls and returns apps or err.
type fakeLister struct {
	calls int
	apps  []api.Application
	err   error
}

func (l *fakeLister) list(context.Context) ([]api.Application, error) {
	l.calls++
	return l.apps, l.err
}

func TestAppIDsCachesBriefly(t *testing.T) {
	file := filepath.Join(t.TempDir(), "vobizctl", "app-ids.json")
	t0 := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	l := &fakeLister{apps: []api.Application{{AppID: "1", AppName: "ivr"}, {AppID: "2", AppName: "two\twords"}}}
	want := []string{"1\tivr", "2\ttwo words"}

	steps := []struct {
		name      string
		now       time.Time
		err       error
		want      []string
		wantCalls int
	}{
		{"first call fetches", t0, nil, want, 1},
		{"fresh cache is used", t0.Add(59 * time.Second), nil, want, 1},
		{"expired cache refetches", t0.Add(61 * time.Second), nil, want, 2},
		{"failure falls back to the stale cache", t0.Add(10 * time.Minute), errors.New("offline"), want, 3},
		{"clock going backwards refetches", t0.Add(-time.Hour), nil, want, 4},
	}
	for _, st := range steps {
		l.err = st.err
		got := AppIDs(context.Background(), l.list, file, time.Minute, st.now)
		if diff := cmp.Diff(st.want, got); diff != "" || l.calls != st.wantCalls {
			t.Errorf("%s: calls %d (want %d), candidates mismatch (-want +got):\n%s", st.name, l.calls, st.wantCalls, diff)
		}
	}
	info, err := os.Stat(file)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("cache file: %v, mode %v; want 0600", err, info.Mode().Perm())
	}
}

func TestAppIDsWithoutCache(t *testing.T) {
	blocker := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		file string
		err  error
		want []string
	}{
		{"no cache file configured", "", nil, []string{"7\tseven"}},
		{"error and no cache", filepath.Join(t.TempDir(), "none.json"), errors.New("401"), nil},
		{"unwritable cache dir", filepath.Join(blocker, "x.json"), nil, []string{"7\tseven"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := &fakeLister{apps: []api.Application{{AppID: "7", AppName: "seven"}}, err: tt.err}
			if tt.err != nil {
				l.apps = nil
			}
			got := AppIDs(context.Background(), l.list, tt.file, time.Minute, time.Now())
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("candidates mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAppIDCacheFileHidesTheKey(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	a, b := AppIDCacheFile("https://api.vobiz.ai/api/v1 MA_A"), AppIDCacheFile("https://api.vobiz.ai/api/v1 MA_B")
	if a == b || filepath.Base(filepath.Dir(a)) != "vobizctl" {
		t.Errorf("cache files %q and %q: want distinct files under vobizctl/", a, b)
	}
	if filepath.Base(a) == "" || len(filepath.Base(a)) != len("app-ids-0123456789abcdef.json") {
		t.Errorf("cache file name %q: want app-ids-<16 hex>.json", filepath.Base(a))
	}
}
