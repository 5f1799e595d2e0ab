package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// CreateParams are the fields of a new Application. AppName and AnswerURL are required; empty
// strings and nil pointers are left out so the API applies its defaults (methods POST,
// hangup URL = answer URL, log incoming messages on).
type CreateParams struct {
	AppName            string `json:"app_name"`
	AnswerURL          string `json:"answer_url"`
	AnswerMethod       string `json:"answer_method,omitempty"`
	HangupURL          string `json:"hangup_url,omitempty"`
	HangupMethod       string `json:"hangup_method,omitempty"`
	FallbackAnswerURL  string `json:"fallback_answer_url,omitempty"`
	FallbackMethod     string `json:"fallback_method,omitempty"`
	MessageURL         string `json:"message_url,omitempty"`
	MessageMethod      string `json:"message_method,omitempty"`
	DefaultNumberApp   *bool  `json:"default_number_app,omitempty"`
	DefaultEndpointApp *bool  `json:"default_endpoint_app,omitempty"`
	// Subaccount is the sub-account auth ID that will own the app; it cannot change later.
	Subaccount          string `json:"subaccount,omitempty"`
	LogIncomingMessages *bool  `json:"log_incoming_messages,omitempty"`
}

// CreateResponse is the API's answer to a create: {"api_id","app_id","message":"created"}.
type CreateResponse struct {
	APIID   string `json:"api_id"`
	AppID   string `json:"app_id"`
	Message string `json:"message"`
}

// UpdateParams are the fields to change; only non-nil fields are sent, so false and "" can be
// set explicitly (an empty fallback or message URL clears it).
type UpdateParams struct {
	AppName             *string `json:"app_name,omitempty"`
	AnswerURL           *string `json:"answer_url,omitempty"`
	AnswerMethod        *string `json:"answer_method,omitempty"`
	HangupURL           *string `json:"hangup_url,omitempty"`
	HangupMethod        *string `json:"hangup_method,omitempty"`
	FallbackAnswerURL   *string `json:"fallback_answer_url,omitempty"`
	FallbackMethod      *string `json:"fallback_method,omitempty"`
	MessageURL          *string `json:"message_url,omitempty"`
	MessageMethod       *string `json:"message_method,omitempty"`
	DefaultNumberApp    *bool   `json:"default_number_app,omitempty"`
	DefaultEndpointApp  *bool   `json:"default_endpoint_app,omitempty"`
	Subaccount          *string `json:"subaccount,omitempty"`
	LogIncomingMessages *bool   `json:"log_incoming_messages,omitempty"`
}

// UpdateResponse is the API's answer to an update: {"api_id","message":"changed"}.
type UpdateResponse struct {
	APIID   string `json:"api_id"`
	Message string `json:"message"`
}

// ErrNothingToUpdate is returned by UpdateApplication when no field is set.
var ErrNothingToUpdate = errors.New("nothing to update: set at least one field")

// GetApplication fetches one application by ID.
func (c *Client) GetApplication(ctx context.Context, appID string) (Application, error) {
	var app Application
	if err := ValidateAppID(appID); err != nil {
		return app, err
	}
	err := c.do(ctx, call{method: http.MethodGet, path: c.accountPath("Application", appID)}, &app)
	return app, err
}

// CreateApplication validates p locally, then creates the application with a single POST that
// is never retried, so a lost answer can never produce a duplicate.
func (c *Client) CreateApplication(ctx context.Context, p CreateParams) (CreateResponse, error) {
	var out CreateResponse
	if err := p.Validate(); err != nil {
		return out, err
	}
	err := c.do(ctx, call{method: http.MethodPost, path: c.accountPath("Application"), body: p}, &out)
	return out, err
}

// UpdateApplication validates p locally and sends only its set fields (POST, never retried).
func (c *Client) UpdateApplication(ctx context.Context, appID string, p UpdateParams) (UpdateResponse, error) {
	var out UpdateResponse
	if err := ValidateAppID(appID); err != nil {
		return out, err
	}
	if p == (UpdateParams{}) {
		return out, ErrNothingToUpdate
	}
	if err := p.Validate(); err != nil {
		return out, err
	}
	err := c.do(ctx, call{method: http.MethodPost, path: c.accountPath("Application", appID), body: p}, &out)
	return out, err
}

// DeleteApplication deletes an application. A 409 (numbers still attached) comes back with a
// hint on how to free the app. When an earlier attempt failed at the gateway and the retry
// finds the app gone, the first attempt did the work, so that 404 counts as success.
func (c *Client) DeleteApplication(ctx context.Context, appID string) error {
	if err := ValidateAppID(appID); err != nil {
		return err
	}
	err := c.do(ctx, call{method: http.MethodDelete, path: c.accountPath("Application", appID)}, nil)
	var he *HTTPError
	if !errors.As(err, &he) {
		return err
	}
	switch he.StatusCode {
	case http.StatusNotFound:
		if he.Attempts > 1 {
			return nil
		}
	case http.StatusConflict:
		explainAttachedNumbers(he, appID)
	}
	return err
}

// explainAttachedNumbers fills in what a 409 on delete means and what to do about it.
func explainAttachedNumbers(he *HTTPError, appID string) {
	if he.Message == "" || strings.HasPrefix(he.Message, "conflict") {
		he.Message = "application still has phone numbers attached"
	}
	he.NextStep = fmt.Sprintf("detach the phone numbers from application %q (Vobiz console, or "+
		"DELETE /account/{auth_id}/numbers/{number}/application) or attach them to another "+
		"application, then delete again", appID)
}
