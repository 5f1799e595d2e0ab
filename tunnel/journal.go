package tunnel

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"sync"
	"time"

	"github.com/vobizctl/vobizctl/internal/fsutil"
)

// JournalVersion is the format version written in every journal.
const JournalVersion = 1

// Journal records an Application's URLs before a tunnel session changed them, and what the
// session set, so that they can be put back even after vobizctl was killed.
type Journal struct {
	Version   int       `json:"version"`
	AppID     string    `json:"app_id"`
	AppName   string    `json:"app_name,omitempty"`
	AuthID    string    `json:"auth_id"`
	Profile   string    `json:"profile,omitempty"`
	APIURL    string    `json:"api_url,omitempty"`
	PID       int       `json:"pid"`
	CreatedAt time.Time `json:"created_at"`
	PublicURL string    `json:"public_url"`
	// Original are the values before the session, for exactly the fields it changed.
	Original URLSet `json:"original"`
	// Applied are the values the session set.
	Applied URLSet `json:"applied"`
}

// ErrNoJournal means there is nothing to restore for an application.
var ErrNoJournal = errors.New("no restore journal")

// JournalStore keeps one journal file per Application in Dir (vobizctl puts it in the config
// directory). Files are written atomically, synced, mode 0600.
type JournalStore struct{ Dir string }

// appIDRE is compiled on first use, not at package init: the {1,64} repeat expands to a large
// program (~900 allocations) that every vobizctl command would otherwise pay at startup.
var appIDRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`) })

// checkAppID keeps application IDs usable as file names (no path separators, no dots).
func checkAppID(appID string) error {
	if !appIDRE().MatchString(appID) {
		return fmt.Errorf("invalid application ID %q: want letters, digits, '_' or '-'", appID)
	}
	return nil
}

// Path is the journal file of appID.
func (s JournalStore) Path(appID string) string {
	return filepath.Join(s.Dir, "journal-"+appID+".json")
}

func (s JournalStore) lockPath(appID string) string {
	return filepath.Join(s.Dir, "journal-"+appID+".lock")
}

// Write stores j atomically: a synced temporary file renamed over the journal, then the
// directory synced, so that after a crash the journal is either the old one or the new one.
func (s JournalStore) Write(j Journal) error {
	if err := checkAppID(j.AppID); err != nil {
		return err
	}
	data, err := json.MarshalIndent(j, "", "  ")
	if err != nil {
		return err
	}
	if err := fsutil.WriteFileAtomic(s.Path(j.AppID), append(data, '\n')); err != nil {
		return fmt.Errorf("cannot write the restore journal: %w", err)
	}
	return nil
}

// Read returns the journal of appID, or an error wrapping ErrNoJournal.
func (s JournalStore) Read(appID string) (Journal, error) {
	if err := checkAppID(appID); err != nil {
		return Journal{}, err
	}
	return s.readFile(s.Path(appID))
}

func (s JournalStore) readFile(path string) (Journal, error) {
	var j Journal
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return j, fmt.Errorf("%w at %s", ErrNoJournal, path)
	}
	if err != nil {
		return j, fmt.Errorf("cannot read the restore journal: %w", err)
	}
	if err := json.Unmarshal(data, &j); err != nil {
		return j, fmt.Errorf("restore journal %s is damaged: %v", path, err)
	}
	if j.Version != JournalVersion || checkAppID(j.AppID) != nil || len(j.Original) == 0 {
		return j, fmt.Errorf("restore journal %s is damaged or from another vobizctl version (version %d)", path, j.Version)
	}
	return j, nil
}

// List returns every journal in the store, oldest first.
func (s JournalStore) List() ([]Journal, error) {
	paths, err := filepath.Glob(filepath.Join(s.Dir, "journal-*.json"))
	if err != nil {
		return nil, err
	}
	var out []Journal
	for _, p := range paths {
		j, err := s.readFile(p)
		if err != nil {
			return out, err
		}
		out = append(out, j)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].CreatedAt.Before(out[b].CreatedAt) })
	return out, nil
}

// Remove deletes the journal of appID; a missing journal is not an error.
func (s JournalStore) Remove(appID string) error {
	if err := os.Remove(s.Path(appID)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("cannot delete the restore journal: %w", err)
	}
	return fsutil.SyncDir(s.Dir)
}
