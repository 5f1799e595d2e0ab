package apitest

import (
	"net/http"
	"net/url"
	"strings"
)

// serveHTTP logs the request, applies an injected failure, checks credentials, then routes.
// Routes match exactly: "/Account/" (PascalCase) and the trailing slashes are required, as on
// the real API; anything else is a 404.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	body := s.record(r)
	if f, ok := s.takeFailure(r); ok {
		s.fail(w, f)
		return
	}
	if !s.authorized(w, r) {
		return
	}
	seg := strings.Split(strings.TrimPrefix(r.URL.EscapedPath(), "/api/v1/"), "/")
	if !strings.HasPrefix(r.URL.EscapedPath(), "/api/v1/") || len(seg) < 4 {
		s.notFound(w)
		return
	}
	route := s.route(seg)
	if route == nil {
		s.notFound(w)
		return
	}
	if seg[1] != s.AuthID {
		// Another account's path with these credentials: the credentials are not valid there.
		s.envelopeError(w, http.StatusUnauthorized, "INVALID_CREDENTIALS", "Invalid auth ID or auth token", nil)
		return
	}
	route(w, r, body)
}

// handler answers one matched route.
type handler func(w http.ResponseWriter, r *http.Request, body []byte)

// route matches the path segments after "/api/v1/" exactly; nil means 404.
func (s *Server) route(seg []string) handler {
	switch {
	case seg[0] == "Account" && len(seg) == 4 && seg[2] == "Application" && seg[3] == "":
		return s.routeApps
	case seg[0] == "Account" && len(seg) == 5 && seg[2] == "Application" && seg[3] != "" && seg[4] == "":
		return func(w http.ResponseWriter, r *http.Request, body []byte) { s.routeApp(w, r, seg[3], body) }
	case (seg[0] == "account" || seg[0] == "Account") && len(seg) == 5 && seg[2] == "numbers" && seg[4] == "application":
		// The docs show both casings for this one family (reference §6); both are accepted.
		return func(w http.ResponseWriter, r *http.Request, body []byte) { s.routeNumber(w, r, seg[3], body) }
	}
	return nil
}

// authorized checks the X-Auth-ID/X-Auth-Token pair and answers 401 in the envelope shape.
func (s *Server) authorized(w http.ResponseWriter, r *http.Request) bool {
	id, token := r.Header.Get("X-Auth-ID"), r.Header.Get("X-Auth-Token")
	switch {
	case id == "" || token == "":
		s.envelopeError(w, http.StatusUnauthorized, "INVALID_CREDENTIALS", "Authentication credentials were not provided", nil)
		return false
	case id != s.AuthID || token != s.AuthToken:
		s.envelopeError(w, http.StatusUnauthorized, "INVALID_CREDENTIALS", "Invalid auth ID or auth token", nil)
		return false
	}
	return true
}

func (s *Server) routeApps(w http.ResponseWriter, r *http.Request, body []byte) {
	switch r.Method {
	case http.MethodGet:
		s.listApps(w, r)
	case http.MethodPost:
		s.createApp(w, body)
	default:
		s.methodNotAllowed(w, "GET, POST")
	}
}

func (s *Server) routeApp(w http.ResponseWriter, r *http.Request, appID string, body []byte) {
	switch r.Method {
	case http.MethodGet:
		s.getApp(w, appID)
	case http.MethodPost:
		s.updateApp(w, appID, body)
	case http.MethodDelete:
		s.deleteApp(w, appID)
	default:
		s.methodNotAllowed(w, "GET, POST, DELETE")
	}
}

func (s *Server) routeNumber(w http.ResponseWriter, r *http.Request, escaped string, body []byte) {
	number, err := url.PathUnescape(escaped)
	if err != nil || !isE164(number) {
		s.flatError(w, http.StatusNotFound, map[string]any{"error": "Number not found", "number": number})
		return
	}
	switch r.Method {
	case http.MethodPost:
		s.attachNumber(w, number, body)
	case http.MethodDelete:
		s.detachNumber(w, number)
	default:
		s.methodNotAllowed(w, "POST, DELETE")
	}
}

func isE164(n string) bool {
	digits, ok := strings.CutPrefix(n, "+")
	if !ok || len(digits) < 6 || len(digits) > 15 {
		return false
	}
	return strings.Trim(digits, "0123456789") == ""
}
