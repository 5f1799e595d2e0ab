package tunnel

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"
)

// Identity says which account and profile a session runs as; journals record it, and a journal
// is only restored by the account that wrote it.
type Identity struct {
	AuthID  string
	Profile string
	APIURL  string
}

// Swapper points Applications at a tunnel and back, with a journal on disk in between.
type Swapper struct {
	Store    AppStore
	Journals JournalStore
	Identity Identity
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Outcome says what a restore did.
type Outcome string

// The restore outcomes.
const (
	// Restored: the session's URLs were still set and the originals were put back.
	Restored Outcome = "restored"
	// AlreadyRestored: the application already had its original URLs; only the journal went.
	AlreadyRestored Outcome = "already-restored"
	// ForcedRestore: someone had changed the URLs; --force put the originals back anyway.
	ForcedRestore Outcome = "forced"
)

// RestoreReport describes one restore.
type RestoreReport struct {
	AppID   string  `json:"app_id"`
	Outcome Outcome `json:"outcome"`
	// URLs are the values the application has again.
	URLs URLSet `json:"urls"`
	// Journal is the journal that was restored.
	Journal Journal `json:"journal"`
}

// FieldChange is one URL that someone changed while the session ran.
type FieldChange struct {
	Field    string `json:"field"`
	Original string `json:"original"`
	Tunnel   string `json:"tunnel"`
	Now      string `json:"now"`
}

// ConflictError means the Application was edited while the tunnel ran: restoring would
// overwrite that edit, so nothing is changed and the journal is kept.
type ConflictError struct {
	AppID       string
	Changes     []FieldChange
	JournalPath string
}

func (e *ConflictError) Error() string {
	parts := make([]string, len(e.Changes))
	for i, c := range e.Changes {
		parts[i] = fmt.Sprintf("%s is now %q (the tunnel set %q)", c.Field, c.Now, c.Tunnel)
	}
	return fmt.Sprintf("application %q was changed while the tunnel ran: %s; not restoring over that change", e.AppID, strings.Join(parts, ", "))
}

// Hint says how to restore anyway.
func (e *ConflictError) Hint() string {
	return fmt.Sprintf("the journal stays at %s; run `vobizctl tunnel restore --app %s --force` to put the original URLs back anyway", e.JournalPath, e.AppID)
}

// IdentityError means a journal was written by another account or profile.
type IdentityError struct {
	Journal Journal
	AuthID  string
}

func (e *IdentityError) Error() string {
	return fmt.Sprintf("the restore journal of application %q belongs to auth ID %q (profile %q), not %q", e.Journal.AppID, e.Journal.AuthID, e.Journal.Profile, e.AuthID)
}

// Hint names the profile to use.
func (e *IdentityError) Hint() string {
	return fmt.Sprintf("run it again with --profile %s", e.Journal.Profile)
}

// Restore puts the originals of journal j back, unless the application was edited meanwhile
// (then a *ConflictError, unless force). The journal is deleted once the application has its
// original URLs.
func (s *Swapper) Restore(ctx context.Context, j Journal, force bool) (RestoreReport, error) {
	rep := RestoreReport{AppID: j.AppID, URLs: j.Original, Journal: j}
	if s.Identity.AuthID != "" && j.AuthID != s.Identity.AuthID {
		return rep, &IdentityError{Journal: j, AuthID: s.Identity.AuthID}
	}
	app, err := s.Store.Get(ctx, j.AppID)
	if err != nil {
		return rep, fmt.Errorf("cannot read application %q to restore it: %w", j.AppID, err)
	}
	current := app.URLs.Only(j.Original.Fields())
	switch {
	case current.Equal(j.Applied.Only(j.Original.Fields())):
		rep.Outcome = Restored
	case current.Equal(j.Original):
		rep.Outcome = AlreadyRestored
	case force:
		rep.Outcome = ForcedRestore
	default:
		return rep, &ConflictError{AppID: j.AppID, Changes: changes(j, current), JournalPath: s.Journals.Path(j.AppID)}
	}
	if rep.Outcome != AlreadyRestored {
		if err := s.Store.Update(ctx, j.AppID, j.Original); err != nil {
			return rep, fmt.Errorf("cannot restore application %q: %w", j.AppID, err)
		}
	}
	return rep, s.Journals.Remove(j.AppID)
}

// changes lists the fields whose current value is neither the session's nor the original.
func changes(j Journal, current URLSet) []FieldChange {
	var out []FieldChange
	for _, f := range j.Original.Fields() {
		if current[f] != j.Applied[f] {
			out = append(out, FieldChange{Field: f, Original: j.Original[f], Tunnel: j.Applied[f], Now: current[f]})
		}
	}
	return out
}

// RestoreApp restores the journal of appID (for `vobizctl tunnel restore`). A live session
// holding the application is an *InUseError unless force.
func (s *Swapper) RestoreApp(ctx context.Context, appID string, force bool) (RestoreReport, error) {
	lock, err := s.Journals.Lock(appID)
	var inUse *InUseError
	if errors.As(err, &inUse) && force {
		err = nil
	}
	if err != nil {
		return RestoreReport{AppID: appID}, err
	}
	defer lock.Unlock()
	j, err := s.Journals.Read(appID)
	if err != nil {
		return RestoreReport{AppID: appID}, err
	}
	return s.Restore(ctx, j, force)
}

// Pending returns the journals this identity can restore.
func (s *Swapper) Pending() ([]Journal, error) {
	all, err := s.Journals.List()
	var mine []Journal
	for _, j := range all {
		if s.Identity.AuthID == "" || j.AuthID == s.Identity.AuthID {
			mine = append(mine, j)
		}
	}
	return mine, err
}

func (s *Swapper) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Lease is one session's hold on an Application: its lock, and once Apply succeeded, its
// journal.
type Lease struct {
	s       *Swapper
	appID   string
	lock    *Lock
	journal *Journal
}

// Begin takes the application for a session. A journal left by a crashed session is restored
// first (recovered is then non-nil); if that restore fails the lease is not taken.
func (s *Swapper) Begin(ctx context.Context, appID string) (l *Lease, recovered *RestoreReport, err error) {
	lock, err := s.Journals.Lock(appID)
	if err != nil {
		return nil, nil, err
	}
	j, err := s.Journals.Read(appID)
	switch {
	case errors.Is(err, ErrNoJournal):
	case err != nil:
		lock.Unlock()
		return nil, nil, err
	default:
		rep, err := s.Restore(ctx, j, false)
		if err != nil {
			lock.Unlock()
			return nil, nil, fmt.Errorf("a crashed session left application %q pointing at %s: %w", appID, j.PublicURL, err)
		}
		recovered = &rep
	}
	return &Lease{s: s, appID: appID, lock: lock}, recovered, nil
}

// Apply writes the journal and then points the application at urls. If the update fails, the
// application is put back as it was (or the journal kept for `tunnel restore` when even that
// cannot be checked).
func (l *Lease) Apply(ctx context.Context, publicURL string, urls URLSet) (App, error) {
	app, err := l.s.Store.Get(ctx, l.appID)
	if err != nil {
		return app, fmt.Errorf("cannot read application %q: %w", l.appID, err)
	}
	id := l.s.Identity
	j := Journal{
		Version: JournalVersion, AppID: l.appID, AppName: app.Name, AuthID: id.AuthID, Profile: id.Profile,
		APIURL: id.APIURL, PID: os.Getpid(), CreatedAt: l.s.now().UTC(), PublicURL: publicURL,
		Original: app.URLs.Only(urls.Fields()), Applied: urls,
	}
	if err := l.s.Journals.Write(j); err != nil {
		return app, err
	}
	if err := l.s.Store.Update(ctx, l.appID, urls); err != nil {
		if _, rerr := l.s.Restore(ctx, j, false); rerr != nil {
			return app, fmt.Errorf("cannot point application %q at the tunnel: %w (the journal stays for `vobizctl tunnel restore --app %s`)", l.appID, err, l.appID)
		}
		return app, fmt.Errorf("cannot point application %q at the tunnel: %w", l.appID, err)
	}
	l.journal = &j
	return app, nil
}

// Journal returns the journal written by Apply, or nil.
func (l *Lease) Journal() *Journal { return l.journal }

// End restores the application if Apply changed it, and releases the lock. On a conflict the
// journal is kept and the error says so.
func (l *Lease) End(ctx context.Context) (*RestoreReport, error) {
	defer l.lock.Unlock()
	if l.journal == nil {
		return nil, nil
	}
	rep, err := l.s.Restore(ctx, *l.journal, false)
	if err != nil {
		return nil, err
	}
	l.journal = nil
	return &rep, nil
}
