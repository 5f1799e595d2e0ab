package apitest

import (
	"net/http"
	"strconv"
)

// AddApp stores an application named name with the given answer URL and the documented
// defaults, without validation, and returns its ID. IDs are 17-digit strings counting up from
// "10000000000000001", so scripts can rely on them.
func (s *Server) AddApp(name, answerURL string) string {
	return s.AddAppObject(map[string]any{"app_name": name, "answer_url": answerURL})
}

// AddAppObject stores an application built from the documented defaults overlaid with fields
// (known request fields only; use SetAppField for anything else) and returns its ID.
func (s *Server) AddAppObject(fields map[string]any) string {
	s.mu.Lock()
	s.lastID++
	appID := strconv.FormatInt(s.lastID, 10)
	s.mu.Unlock()
	app := s.newApp(appID, fields)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.apps[appID] = app
	s.order = append(s.order, appID)
	return appID
}

// SetAppField sets any field of a stored application, including ones the API does not
// document (to test that clients keep unknown fields). It reports whether the app exists.
func (s *Server) SetAppField(appID, key string, value any) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	app, ok := s.apps[appID]
	if ok {
		app[key] = value
	}
	return ok
}

// App returns a copy of a stored application.
func (s *Server) App(appID string) (map[string]any, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	app, ok := s.apps[appID]
	if !ok {
		return nil, false
	}
	return publicCopy(app), true
}

// Apps returns copies of all stored applications in list order.
func (s *Server) Apps() []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]map[string]any, 0, len(s.order))
	for _, id := range s.order {
		out = append(out, publicCopy(s.apps[id]))
	}
	return out
}

// AttachNumber routes an E.164 number to an application, so deleting the app answers 409. It
// reports whether the app exists.
func (s *Server) AttachNumber(appID, number string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.apps[appID]; !ok {
		return false
	}
	s.numbers[number] = appID
	return true
}

// attachNumber answers POST …/numbers/{number}/application with {"application_id"}.
func (s *Server) attachNumber(w http.ResponseWriter, number string, body []byte) {
	params, _ := decodeParams(body)
	appID, _ := params["application_id"].(string)
	if appID == "" {
		s.invalidParams(w, map[string]string{"application_id": "This field is required"})
		return
	}
	if !s.AttachNumber(appID, number) {
		s.appNotFound(w, appID)
		return
	}
	app, _ := s.App(appID)
	s.writeJSON(w, http.StatusOK, map[string]any{"message": "Number attached to application", "number": number, "application": app})
}

// detachNumber answers DELETE …/numbers/{number}/application.
func (s *Server) detachNumber(w http.ResponseWriter, number string) {
	s.mu.Lock()
	appID, ok := s.numbers[number]
	delete(s.numbers, number)
	app := publicCopy(s.apps[appID])
	s.mu.Unlock()
	if !ok {
		s.flatError(w, http.StatusNotFound, map[string]any{"error": "Number not found", "number": number})
		return
	}
	s.writeJSON(w, http.StatusOK, map[string]any{"message": "Number detached from application", "number": number, "application": app})
}

// attachedLocked counts the numbers routed to appID; s.mu must be held.
func (s *Server) attachedLocked(appID string) int {
	n := 0
	for _, id := range s.numbers {
		if id == appID {
			n++
		}
	}
	return n
}

// removeLocked deletes an application; s.mu must be held.
func (s *Server) removeLocked(appID string) {
	delete(s.apps, appID)
	for i, id := range s.order {
		if id == appID {
			s.order = append(s.order[:i], s.order[i+1:]...)
			break
		}
	}
}
