package tunnel

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vobizctl/vobizctl/internal/api"
	"github.com/vobizctl/vobizctl/internal/api/apitest"
)

func fakeAPIStore(t *testing.T) (*apitest.Server, APIStore) {
	t.Helper()
	srv := apitest.NewServer(t)
	client := api.New(api.Options{BaseURL: srv.URL, AuthID: srv.AuthID, AuthToken: srv.AuthToken})
	return srv, APIStore{Client: client}
}

// TestAPISwapRestoresTheObjectExactly runs the swap against the fake Vobiz API and compares the
// whole Application object, not only the URLs, before and after.
func TestAPISwapRestoresTheObjectExactly(t *testing.T) {
	srv, store := fakeAPIStore(t)
	id := srv.AddAppObject(map[string]any{"app_name": "ivr", "answer_url": "https://prod.example.com/answer", "message_url": "https://prod.example.com/sms"})
	before, _ := srv.App(id)
	s := &Swapper{Store: store, Journals: JournalStore{Dir: t.TempDir()}, Identity: Identity{AuthID: srv.AuthID}}
	lease, _, err := s.Begin(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	urls := URLSet{FieldAnswer: "https://pub.test/answer", FieldHangup: "https://pub.test/hangup", FieldFallback: "https://pub.test/fallback", FieldMessage: "https://pub.test/message"}
	if _, err := lease.Apply(context.Background(), "https://pub.test", urls); err != nil {
		t.Fatal(err)
	}
	during, _ := srv.App(id)
	for f, v := range urls {
		if during[f] != v {
			t.Errorf("during the session %s = %v, want %q", f, during[f], v)
		}
	}
	if _, err := lease.End(context.Background()); err != nil {
		t.Fatal(err)
	}
	after, _ := srv.App(id)
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("application after restore (-before +after):\n%s", diff)
	}
}

func TestAPIStoreListAndFind(t *testing.T) {
	srv, store := fakeAPIStore(t)
	srv.AddApp("one", "https://a.example.com/answer")
	id := srv.AddApp("two", "https://b.example.com/answer")
	app, err := FindApp(context.Background(), store, "two")
	if err != nil || app.ID != id || app.URLs[FieldAnswer] != "https://b.example.com/answer" {
		t.Fatalf("FindApp = %+v, %v", app, err)
	}
	if _, err := store.Get(context.Background(), "99999999999999999"); !api.IsNotFound(err) {
		t.Fatalf("Get of a missing app = %v, want a 404", err)
	}
}

func TestAPIStoreEmptyHangupMeansAnswer(t *testing.T) {
	srv, store := fakeAPIStore(t)
	id := srv.AddApp("one", "https://a.example.com/answer")
	err := store.Update(context.Background(), id, URLSet{FieldAnswer: "https://a.example.com/v2", FieldHangup: ""})
	if err != nil {
		t.Fatal(err)
	}
	app, _ := srv.App(id)
	if app["hangup_url"] != "https://a.example.com/v2" {
		t.Fatalf("hangup_url = %v, want the answer URL", app["hangup_url"])
	}
	if err := store.Update(context.Background(), id, URLSet{FieldHangup: ""}); err != nil {
		t.Fatalf("an update with nothing to send = %v", err)
	}
	if err := store.Update(context.Background(), "nope", URLSet{FieldAnswer: "https://x.test/"}); err == nil || errors.Is(err, context.Canceled) {
		t.Fatalf("update of an invalid app ID = %v", err)
	}
}
