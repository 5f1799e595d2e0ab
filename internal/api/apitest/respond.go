package apitest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

// writeJSON answers with status and v as JSON, without Go's HTML escaping ("&" stays "&" in
// next links, as a real API writes it).
func (s *Server) writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// flatError answers in the shape the Application pages document:
// {"error":"Application not found","app_id":"…"}.
func (s *Server) flatError(w http.ResponseWriter, status int, body map[string]any) {
	s.writeJSON(w, status, body)
}

// envelopeError answers in the generic errors-page shape:
// {"status":"error","error":{"code","message","details"},"timestamp","requestId"}.
func (s *Server) envelopeError(w http.ResponseWriter, status int, code, message string, details map[string]any) {
	e := map[string]any{"code": code, "message": message}
	if details != nil {
		e["details"] = details
	}
	s.writeJSON(w, status, map[string]any{
		"status":    "error",
		"error":     e,
		"timestamp": s.now().UTC().Format("2006-01-02T15:04:05Z"),
		"requestId": fmt.Sprintf("req_%06d", s.nextAPISeq()),
	})
}

func (s *Server) notFound(w http.ResponseWriter) {
	s.flatError(w, http.StatusNotFound, map[string]any{"error": "Not found"})
}

func (s *Server) methodNotAllowed(w http.ResponseWriter, allow string) {
	w.Header().Set("Allow", allow)
	s.flatError(w, http.StatusMethodNotAllowed, map[string]any{"error": "Method not allowed"})
}

func (s *Server) invalidParams(w http.ResponseWriter, details map[string]string) {
	s.flatError(w, http.StatusBadRequest, map[string]any{"error": "invalid request parameters", "details": details})
}

// fail answers with an injected failure: 429 as RATE_LIMIT_EXCEEDED (with details.retryAfter
// when Retry-After is a number of seconds), other statuses as a generic envelope, or a dropped
// connection.
func (s *Server) fail(w http.ResponseWriter, f Failure) {
	if f.Drop {
		dropConnection(w)
		return
	}
	if f.RetryAfter != "" {
		w.Header().Set("Retry-After", f.RetryAfter)
	}
	switch f.Status {
	case http.StatusTooManyRequests:
		var details map[string]any
		if secs, err := strconv.Atoi(f.RetryAfter); err == nil {
			details = map[string]any{"retryAfter": secs}
		}
		s.envelopeError(w, f.Status, "RATE_LIMIT_EXCEEDED", "Too many requests", details)
	case http.StatusServiceUnavailable:
		s.envelopeError(w, f.Status, "SERVICE_UNAVAILABLE", "Service temporarily unavailable", nil)
	default:
		s.envelopeError(w, f.Status, "SERVER_ERROR", http.StatusText(f.Status), nil)
	}
}

// dropConnection closes the TCP connection without writing a response.
func dropConnection(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler) // ends the exchange without a response
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}

// nextAPISeq numbers api_id/requestId values so outputs are deterministic.
func (s *Server) nextAPISeq() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.apiSeq++
	return s.apiSeq
}

func (s *Server) apiID() string {
	return fmt.Sprintf("00000000-0000-4000-8000-%012d", s.nextAPISeq())
}
