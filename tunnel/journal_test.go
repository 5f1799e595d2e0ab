package tunnel

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func sampleJournal(appID string, at time.Time) Journal {
	return Journal{
		Version: JournalVersion, AppID: appID, AuthID: "MA_TEST0001", Profile: "default", PID: 42,
		CreatedAt: at, PublicURL: "https://pub.example.test",
		Original: URLSet{FieldAnswer: "https://prod/answer", FieldHangup: ""},
		Applied:  URLSet{FieldAnswer: "https://pub.example.test/answer", FieldHangup: "https://pub.example.test/hangup"},
	}
}

func TestJournalRoundTripIsPrivateAndAtomic(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "tunnel")
	s := JournalStore{Dir: dir}
	j := sampleJournal("123", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	if err := s.Write(j); err != nil {
		t.Fatal(err)
	}
	got, err := s.Read("123")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(j, got); diff != "" {
		t.Errorf("read back (-want +got):\n%s", diff)
	}
	info, err := os.Stat(s.Path("123"))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("journal mode = %v, %v; want 0600", info.Mode().Perm(), err)
	}
	dinfo, _ := os.Stat(dir)
	if dinfo.Mode().Perm() != 0o700 {
		t.Errorf("journal dir mode = %v, want 0700", dinfo.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("dir holds %d entries, want only the journal (no temporary files)", len(entries))
	}
	if err := s.Remove("123"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Read("123"); !errors.Is(err, ErrNoJournal) {
		t.Fatalf("after Remove, Read = %v, want ErrNoJournal", err)
	}
	if err := s.Remove("123"); err != nil {
		t.Errorf("removing a missing journal = %v", err)
	}
}

func TestJournalRejectsBadInput(t *testing.T) {
	s := JournalStore{Dir: t.TempDir()}
	if err := s.Write(sampleJournal("../evil", time.Now())); err == nil {
		t.Error("Write accepted a path-like app ID")
	}
	if _, err := s.Read("a/b"); err == nil {
		t.Error("Read accepted a path-like app ID")
	}
	if err := os.WriteFile(s.Path("9"), []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Read("9"); err == nil || errors.Is(err, ErrNoJournal) {
		t.Errorf("damaged journal read as %v", err)
	}
}

func TestJournalListOldestFirst(t *testing.T) {
	s := JournalStore{Dir: t.TempDir()}
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i, id := range []string{"3", "1", "2"} {
		if err := s.Write(sampleJournal(id, t0.Add(time.Duration(-i)*time.Hour))); err != nil {
			t.Fatal(err)
		}
	}
	list, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, j := range list {
		ids = append(ids, j.AppID)
	}
	if diff := cmp.Diff([]string{"2", "1", "3"}, ids); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
}

func TestLockIsExclusiveAndReleased(t *testing.T) {
	s := JournalStore{Dir: t.TempDir()}
	l, err := s.Lock("123")
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Lock("123")
	var inUse *InUseError
	if !errors.As(err, &inUse) || inUse.PID != os.Getpid() {
		t.Fatalf("second Lock = %v, want *InUseError with pid %d", err, os.Getpid())
	}
	other, err := s.Lock("456")
	if err != nil {
		t.Fatalf("another app's lock = %v", err)
	}
	other.Unlock()
	l.Unlock()
	l.Unlock() // a second Unlock is harmless
	if _, err := os.Stat(s.lockPath("123")); !os.IsNotExist(err) {
		t.Errorf("lock file left behind: %v", err)
	}
	l2, err := s.Lock("123")
	if err != nil {
		t.Fatalf("Lock after Unlock = %v", err)
	}
	l2.Unlock()
}
