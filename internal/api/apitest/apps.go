package apitest

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// createApp answers POST …/Application/: 201 {"api_id","app_id","message":"created"}.
func (s *Server) createApp(w http.ResponseWriter, body []byte) {
	params, ok := decodeParams(body)
	if !ok {
		s.invalidParams(w, map[string]string{"body": "Expected a JSON object"})
		return
	}
	problems := checkParams(params)
	for _, key := range []string{"app_name", "answer_url"} {
		if params[key] == nil {
			problems[key] = "This field is required"
		}
	}
	if len(problems) > 0 {
		s.invalidParams(w, problems)
		return
	}
	appID := s.AddAppObject(params)
	s.writeJSON(w, http.StatusCreated, map[string]any{"api_id": s.apiID(), "app_id": appID, "message": "created"})
}

// getApp answers GET …/Application/{id}/: the object plus api_id, or a flat 404.
func (s *Server) getApp(w http.ResponseWriter, appID string) {
	app, ok := s.App(appID)
	if !ok {
		s.appNotFound(w, appID)
		return
	}
	app["api_id"] = s.apiID()
	s.writeJSON(w, http.StatusOK, app)
}

// updateApp answers POST …/Application/{id}/: 202 {"api_id","message":"changed"}. Omitted
// fields stay; sub_account cannot change.
func (s *Server) updateApp(w http.ResponseWriter, appID string, body []byte) {
	params, ok := decodeParams(body)
	if !ok {
		s.invalidParams(w, map[string]string{"body": "Expected a JSON object"})
		return
	}
	problems := checkParams(params)
	s.mu.Lock()
	app, exists := s.apps[appID]
	if exists && params["subaccount"] != nil && params["subaccount"] != app["sub_account"] {
		problems["subaccount"] = "sub_account cannot be changed"
	}
	if exists && len(problems) == 0 {
		applyParams(app, params)
		app["updated_at"] = s.timestamp()
	}
	s.mu.Unlock()
	switch {
	case !exists:
		s.appNotFound(w, appID)
	case len(problems) > 0:
		s.invalidParams(w, problems)
	default:
		s.writeJSON(w, http.StatusAccepted, map[string]any{"api_id": s.apiID(), "message": "changed"})
	}
}

// deleteApp answers DELETE …/Application/{id}/: 204, a flat 404, or a flat 409 while phone
// numbers are attached.
func (s *Server) deleteApp(w http.ResponseWriter, appID string) {
	s.mu.Lock()
	_, exists := s.apps[appID]
	attached := s.attachedLocked(appID)
	if exists && attached == 0 {
		s.removeLocked(appID)
	}
	s.mu.Unlock()
	switch {
	case !exists:
		s.appNotFound(w, appID)
	case attached > 0:
		s.flatError(w, http.StatusConflict, map[string]any{
			"error":   "Cannot delete application",
			"message": fmt.Sprintf("Application is currently in use by %d phone numbers", attached),
		})
	default:
		w.WriteHeader(http.StatusNoContent)
	}
}

// listApps answers GET …/Application/?limit&offset with meta and relative next/previous links
// that lack the "/api" prefix, as the real API's do.
func (s *Server) listApps(w http.ResponseWriter, r *http.Request) {
	limit, offset, problems := pageParams(r.URL.Query())
	if len(problems) > 0 {
		s.invalidParams(w, problems)
		return
	}
	s.mu.Lock()
	total := len(s.order)
	objects := []map[string]any{}
	for i := offset; i < total && i < offset+limit; i++ {
		objects = append(objects, publicCopy(s.apps[s.order[i]]))
	}
	s.mu.Unlock()
	meta := map[string]any{"limit": limit, "offset": offset, "total_count": total, "next": nil, "previous": nil}
	if offset+limit < total {
		meta["next"] = s.pageLink(limit, offset+limit)
	}
	if offset > 0 {
		meta["previous"] = s.pageLink(limit, max(offset-limit, 0))
	}
	s.writeJSON(w, http.StatusOK, map[string]any{"api_id": s.apiID(), "meta": meta, "objects": objects})
}

func (s *Server) pageLink(limit, offset int) string {
	return fmt.Sprintf("/v1/Account/%s/Application/?limit=%d&offset=%d", s.AuthID, limit, offset)
}

// pageParams reads limit (default 20, 1..100) and offset (default 0).
func pageParams(q url.Values) (limit, offset int, problems map[string]string) {
	problems = map[string]string{}
	limit, offset = 20, 0
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			problems["limit"] = "Ensure this value is between 1 and 100"
		}
		limit = n
	}
	if v := q.Get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			problems["offset"] = "Ensure this value is greater than or equal to 0"
		}
		offset = n
	}
	return limit, offset, problems
}

func (s *Server) appNotFound(w http.ResponseWriter, appID string) {
	s.flatError(w, http.StatusNotFound, map[string]any{"error": "Application not found", "app_id": appID})
}
