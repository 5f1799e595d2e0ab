package tunnel

import (
	"context"
	"fmt"
	"maps"
	"sync"
)

// memStore is an in-memory AppStore; failUpdates makes the next n updates fail after (applied)
// or before (!applied) changing the app, like a lost reply or a refused request.
type memStore struct {
	mu          sync.Mutex
	apps        map[string]App
	updates     int
	failUpdates int
	failApplied bool
}

func newMemStore(apps ...App) *memStore {
	s := &memStore{apps: map[string]App{}}
	for _, a := range apps {
		a.URLs = maps.Clone(a.URLs)
		s.apps[a.ID] = a
	}
	return s
}

func (s *memStore) Get(_ context.Context, id string) (App, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.apps[id]
	if !ok {
		return App{}, fmt.Errorf("HTTP 404: application not found")
	}
	a.URLs = maps.Clone(a.URLs)
	return a, nil
}

func (s *memStore) Update(_ context.Context, id string, urls URLSet) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.apps[id]
	if !ok {
		return fmt.Errorf("HTTP 404: application not found")
	}
	fail := s.failUpdates > 0
	if fail {
		s.failUpdates--
		if !s.failApplied {
			return fmt.Errorf("HTTP 500: internal error")
		}
	}
	s.updates++
	for k, v := range urls {
		a.URLs[k] = v
	}
	if fail {
		return fmt.Errorf("connection reset by peer")
	}
	return nil
}

func (s *memStore) List(context.Context) ([]App, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []App
	for _, a := range s.apps {
		out = append(out, a)
	}
	return out, nil
}

// edit changes one field, as someone editing the app in the console would.
func (s *memStore) edit(id, field, value string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.apps[id].URLs[field] = value
}

func (s *memStore) urls(id string) URLSet {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.apps[id].URLs)
}

func (s *memStore) updateCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.updates
}

// testApp is an application with every URL field set.
func testApp() App {
	return App{ID: "10000000000000001", Name: "ivr", URLs: URLSet{
		FieldAnswer: "https://prod.example.com/answer", FieldHangup: "https://prod.example.com/hangup",
		FieldFallback: "", FieldMessage: "https://prod.example.com/sms",
	}}
}
