package tunnel

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var tunnelURLs = URLSet{FieldAnswer: "https://pub.example.test/answer", FieldHangup: "https://pub.example.test/hangup"}

func newSwapper(t *testing.T, store AppStore) *Swapper {
	return &Swapper{Store: store, Journals: JournalStore{Dir: t.TempDir()}, Identity: Identity{AuthID: "MA_TEST0001", Profile: "default"}}
}

func applyLease(t *testing.T, s *Swapper, appID string) *Lease {
	t.Helper()
	l, rec, err := s.Begin(context.Background(), appID)
	if err != nil || rec != nil {
		t.Fatalf("Begin = %v, recovered %+v", err, rec)
	}
	if _, err := l.Apply(context.Background(), "https://pub.example.test", tunnelURLs); err != nil {
		t.Fatal(err)
	}
	return l
}

func TestSwapAndRestoreExactly(t *testing.T) {
	app := testApp()
	store := newMemStore(app)
	s := newSwapper(t, store)
	l := applyLease(t, s, app.ID)
	want := app.URLs.Only([]string{FieldFallback, FieldMessage})
	want[FieldAnswer], want[FieldHangup] = tunnelURLs[FieldAnswer], tunnelURLs[FieldHangup]
	if diff := cmp.Diff(want, store.urls(app.ID)); diff != "" {
		t.Fatalf("during the session (-want +got):\n%s", diff)
	}
	j, err := s.Journals.Read(app.ID)
	if err != nil || !j.Original.Equal(app.URLs.Only([]string{FieldAnswer, FieldHangup})) {
		t.Fatalf("journal = %+v, %v", j, err)
	}
	rep, err := l.End(context.Background())
	if err != nil || rep.Outcome != Restored {
		t.Fatalf("End = %+v, %v", rep, err)
	}
	if diff := cmp.Diff(app.URLs, store.urls(app.ID)); diff != "" {
		t.Errorf("after End (-want +got):\n%s", diff)
	}
	if _, err := s.Journals.Read(app.ID); !errors.Is(err, ErrNoJournal) {
		t.Errorf("journal left after restore: %v", err)
	}
}

func TestRestoreKeepsSomeoneElsesEdit(t *testing.T) {
	app := testApp()
	store := newMemStore(app)
	s := newSwapper(t, store)
	l := applyLease(t, s, app.ID)
	store.edit(app.ID, FieldAnswer, "https://colleague.example.com/answer")
	_, err := l.End(context.Background())
	var conflict *ConflictError
	if !errors.As(err, &conflict) {
		t.Fatalf("End = %v, want *ConflictError", err)
	}
	wantChange := []FieldChange{{Field: FieldAnswer, Original: app.URLs[FieldAnswer], Tunnel: tunnelURLs[FieldAnswer], Now: "https://colleague.example.com/answer"}}
	if diff := cmp.Diff(wantChange, conflict.Changes); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
	if !strings.Contains(conflict.Hint(), "--force") {
		t.Errorf("hint %q does not mention --force", conflict.Hint())
	}
	if got := store.urls(app.ID)[FieldAnswer]; got != "https://colleague.example.com/answer" {
		t.Fatalf("the colleague's edit was overwritten: %q", got)
	}
	if _, err := s.Journals.Read(app.ID); err != nil {
		t.Fatalf("journal gone after a conflict: %v", err)
	}
	rep, err := s.RestoreApp(context.Background(), app.ID, true)
	if err != nil || rep.Outcome != ForcedRestore {
		t.Fatalf("forced restore = %+v, %v", rep, err)
	}
	if diff := cmp.Diff(app.URLs, store.urls(app.ID)); diff != "" {
		t.Errorf("after --force (-want +got):\n%s", diff)
	}
}

func TestRestoreWhenAlreadyPutBack(t *testing.T) {
	app := testApp()
	store := newMemStore(app)
	s := newSwapper(t, store)
	l := applyLease(t, s, app.ID)
	store.edit(app.ID, FieldAnswer, app.URLs[FieldAnswer])
	store.edit(app.ID, FieldHangup, app.URLs[FieldHangup])
	before := store.updateCount()
	rep, err := l.End(context.Background())
	if err != nil || rep.Outcome != AlreadyRestored || store.updateCount() != before {
		t.Fatalf("End = %+v, %v; updates %d → %d", rep, err, before, store.updateCount())
	}
}

func TestCrashedSessionIsRestoredFirst(t *testing.T) {
	app := testApp()
	store := newMemStore(app)
	s := newSwapper(t, store)
	l := applyLease(t, s, app.ID)
	l.lock.Unlock() // the process died: the OS released its lock, the journal stays
	l2, rec, err := s.Begin(context.Background(), app.ID)
	if err != nil || rec == nil || rec.Outcome != Restored {
		t.Fatalf("Begin after a crash = %+v, %v", rec, err)
	}
	defer l2.lock.Unlock()
	if diff := cmp.Diff(app.URLs, store.urls(app.ID)); diff != "" {
		t.Errorf("after recovery (-want +got):\n%s", diff)
	}
}

func TestBeginRefusesALiveSession(t *testing.T) {
	app := testApp()
	s := newSwapper(t, newMemStore(app))
	l := applyLease(t, s, app.ID)
	defer l.End(context.Background())
	_, _, err := s.Begin(context.Background(), app.ID)
	var inUse *InUseError
	if !errors.As(err, &inUse) {
		t.Fatalf("Begin during a live session = %v, want *InUseError", err)
	}
	if _, err := s.RestoreApp(context.Background(), app.ID, false); !errors.As(err, &inUse) {
		t.Fatalf("RestoreApp during a live session = %v, want *InUseError", err)
	}
}

func TestApplyFailureLeavesTheAppAsItWas(t *testing.T) {
	for _, applied := range []bool{false, true} {
		app := testApp()
		store := newMemStore(app)
		store.failUpdates, store.failApplied = 1, applied
		s := newSwapper(t, store)
		l, _, err := s.Begin(context.Background(), app.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := l.Apply(context.Background(), "https://pub.example.test", tunnelURLs); err == nil {
			t.Fatalf("applied=%v: Apply succeeded", applied)
		}
		l.lock.Unlock()
		if diff := cmp.Diff(app.URLs, store.urls(app.ID)); diff != "" {
			t.Errorf("applied=%v: app changed (-want +got):\n%s", applied, diff)
		}
		if _, err := s.Journals.Read(app.ID); !errors.Is(err, ErrNoJournal) {
			t.Errorf("applied=%v: journal left: %v", applied, err)
		}
	}
}

func TestRestoreRefusesAnotherAccountsJournal(t *testing.T) {
	app := testApp()
	s := newSwapper(t, newMemStore(app))
	l := applyLease(t, s, app.ID)
	l.lock.Unlock()
	other := *s
	other.Identity = Identity{AuthID: "MA_OTHER"}
	_, err := other.RestoreApp(context.Background(), app.ID, true)
	var idErr *IdentityError
	if !errors.As(err, &idErr) || !strings.Contains(idErr.Hint(), "--profile default") {
		t.Fatalf("RestoreApp as another account = %v", err)
	}
	if pending, _ := other.Pending(); len(pending) != 0 {
		t.Errorf("another account sees %d pending journals", len(pending))
	}
	if pending, _ := s.Pending(); len(pending) != 1 {
		t.Errorf("the owner sees %d pending journals, want 1", len(pending))
	}
}

func TestPathsURLs(t *testing.T) {
	tests := []struct {
		name    string
		paths   Paths
		want    URLSet
		wantErr string
	}{
		{"answer and hangup", Paths{Answer: "/answer", Hangup: "/hangup"}, URLSet{FieldAnswer: "https://p.test/answer", FieldHangup: "https://p.test/hangup"}, ""},
		{"all four", Paths{Answer: "/a", Hangup: "/h", Fallback: "/f", Message: "/m"}, URLSet{FieldAnswer: "https://p.test/a", FieldHangup: "https://p.test/h", FieldFallback: "https://p.test/f", FieldMessage: "https://p.test/m"}, ""},
		{"relative path", Paths{Answer: "answer", Hangup: "/h"}, nil, `invalid --answer-path "answer"`},
		{"empty hangup", Paths{Answer: "/a"}, nil, `invalid --hangup-path ""`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.paths.URLs("https://p.test/")
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestFindApp(t *testing.T) {
	a, b, c := testApp(), testApp(), testApp()
	b.ID, b.Name = "2", "queue"
	c.ID, c.Name = "3", "queue"
	store := newMemStore(a, b, c)
	tests := []struct{ name, want, wantErr string }{
		{"ivr", a.ID, ""},
		{"queue", "", `2 applications are named "queue"`},
		{"nope", "", `no application named "nope"`},
	}
	for _, tt := range tests {
		got, err := FindApp(context.Background(), store, tt.name)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("FindApp(%q) err = %v, want %q", tt.name, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got.ID != tt.want {
			t.Errorf("FindApp(%q) = %q, %v", tt.name, got.ID, err)
		}
	}
}
