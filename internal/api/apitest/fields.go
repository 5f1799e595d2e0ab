package apitest

import (
	"encoding/json"
	"maps"
	"net/url"
	"regexp"
)

// appNamePattern is the documented name alphabet, with the 60-character cap of Vobiz's n8n
// nodes.
var appNamePattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,60}$`)

// fieldKind says how a request field is validated.
type fieldKind int

const (
	kindUnknown fieldKind = iota // ignored, as APIs usually ignore unknown parameters
	kindName
	kindURL
	kindMethod
	kindBool
	kindString
)

// kindOf maps the documented create/update parameters (reference §2.2) to their checks.
func kindOf(key string) fieldKind {
	switch key {
	case "app_name":
		return kindName
	case "answer_url", "hangup_url", "fallback_answer_url", "message_url":
		return kindURL
	case "answer_method", "hangup_method", "fallback_method", "message_method":
		return kindMethod
	case "default_number_app", "default_endpoint_app", "log_incoming_messages", "log_incoming_message":
		return kindBool
	case "subaccount":
		return kindString
	}
	return kindUnknown
}

// decodeParams parses a JSON object body; ok is false when it is not one.
func decodeParams(body []byte) (map[string]any, bool) {
	var params map[string]any
	if err := json.Unmarshal(body, &params); err != nil || params == nil {
		return nil, false
	}
	return params, true
}

// checkParams validates the known fields and returns Django-style messages per field.
// Optional URLs may be null or "" (unset).
func checkParams(params map[string]any) map[string]string {
	problems := map[string]string{}
	for key, v := range params {
		if msg := checkField(key, v); msg != "" {
			problems[key] = msg
		}
	}
	return problems
}

func checkField(key string, v any) string {
	s, isString := v.(string)
	switch kindOf(key) {
	case kindName:
		if !isString || !appNamePattern.MatchString(s) {
			return "Only letters, digits, hyphens and underscores are allowed (max 60)"
		}
	case kindURL:
		if key != "answer_url" && (v == nil || v == "") {
			return ""
		}
		if !isString || !validURL(s) {
			return "Enter a valid URL"
		}
	case kindMethod:
		if s != "GET" && s != "POST" {
			return "Must be GET or POST"
		}
	case kindBool:
		if _, ok := v.(bool); !ok {
			return "Must be a boolean"
		}
	case kindString:
		if !isString {
			return "Must be a string"
		}
	}
	return ""
}

func validURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// newApp builds a stored application with the documented defaults, then applies params.
func (s *Server) newApp(appID string, params map[string]any) map[string]any {
	now := s.timestamp()
	app := map[string]any{
		"app_id": appID, "app_name": "", "answer_url": "", "answer_method": "POST",
		"hangup_url": params["answer_url"], "hangup_method": "POST",
		"fallback_answer_url": nil, "fallback_method": "POST",
		"message_url": nil, "message_method": "POST",
		"default_number_app": false, "default_endpoint_app": false, "default_app": false,
		"application_type": "XML", "enabled": true, "log_incoming_message": true, "public_uri": false,
		"sip_uri":          "sip:" + appID + "@app.vobiz.ai",
		"sip_transfer_url": nil, "sip_transfer_method": "POST",
		"sub_account":  nil,
		"resource_uri": "/v1/Account/" + s.AuthID + "/Application/" + appID + "/",
		"created_at":   now, "updated_at": now,
	}
	if sub, ok := params["subaccount"].(string); ok && sub != "" {
		app["sub_account"] = sub
	}
	applyParams(app, params)
	return app
}

// applyParams copies the settable fields into app; the plural log_incoming_messages request
// name is stored under the singular response name, and "" clears an optional URL.
func applyParams(app, params map[string]any) {
	for key, v := range params {
		switch kind := kindOf(key); {
		case kind == kindUnknown || key == "subaccount":
			continue
		case key == "log_incoming_messages":
			app["log_incoming_message"] = v
		case kind == kindURL && v == "":
			app[key] = nil
		default:
			app[key] = v
		}
	}
}

// publicCopy returns a copy of app safe to hand out or encode.
func publicCopy(app map[string]any) map[string]any { return maps.Clone(app) }

func (s *Server) timestamp() string {
	return s.now().UTC().Format("2006-01-02 15:04:05.000000-07:00")
}
