package tunnel

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

// InUseError means another running vobizctl tunnel holds an application.
type InUseError struct {
	AppID string
	PID   int
}

func (e *InUseError) Error() string {
	who := "another vobizctl tunnel"
	if e.PID > 0 {
		who = fmt.Sprintf("another vobizctl tunnel (pid %d)", e.PID)
	}
	return fmt.Sprintf("application %q is in use by %s", e.AppID, who)
}

// Hint says how to free the application.
func (e *InUseError) Hint() string {
	return "stop that tunnel (Ctrl-C) and it restores the application itself; `vobizctl tunnel restore --force` overrides"
}

// Lock is held by the process that owns an application's journal, for as long as its tunnel
// runs. The operating system releases it when the process dies, however it dies, which is how a
// later run tells a crashed session from a live one.
type Lock struct {
	f    *os.File
	path string
}

// Lock takes the lock of appID without waiting; an *InUseError says who holds it.
func (s JournalStore) Lock(appID string) (*Lock, error) {
	if err := checkAppID(appID); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the journal directory: %w", err)
	}
	path := s.lockPath(appID)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("cannot open the journal lock: %w", err)
	}
	held, err := tryLock(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("cannot lock %s: %w", path, err)
	}
	if !held {
		b, _ := os.ReadFile(path)
		f.Close()
		pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
		return nil, &InUseError{AppID: appID, PID: pid}
	}
	_ = f.Truncate(0)
	_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return &Lock{f: f, path: path}, nil
}

// Unlock deletes the lock file and releases the lock. It is safe on a nil or released lock.
func (l *Lock) Unlock() {
	if l == nil || l.f == nil {
		return
	}
	_ = os.Remove(l.path)
	_ = l.f.Close()
	l.f = nil
}
