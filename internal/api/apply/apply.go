package apply

import (
	"context"
	"fmt"

	"github.com/vobizctl/vobizctl/internal/api"
)

// Client is the part of *api.Client that Apply needs.
type Client interface {
	CreateApplication(ctx context.Context, p api.CreateParams) (api.CreateResponse, error)
	UpdateApplication(ctx context.Context, appID string, p api.UpdateParams) (api.UpdateResponse, error)
}

// Apply carries out the plan's creates and updates in order, calling done after each one with
// the change (a create's AppID filled in). It stops at the first failure; the changes before it
// stay applied, and running apply again picks up where it stopped (a created app is found by
// name, so it is never created twice).
func Apply(ctx context.Context, c Client, plan Plan, done func(Change)) error {
	for _, ch := range plan.Changes {
		switch ch.Action {
		case Create:
			res, err := c.CreateApplication(ctx, ch.spec.createParams())
			if err != nil {
				return fmt.Errorf("create application %q: %w", ch.Name, err)
			}
			ch.AppID = res.AppID
		case Update:
			if _, err := c.UpdateApplication(ctx, ch.AppID, ch.updateParams()); err != nil {
				return fmt.Errorf("update application %q (%s): %w", ch.Name, ch.AppID, err)
			}
		default:
			continue
		}
		if done != nil {
			done(ch)
		}
	}
	return nil
}

// values returns the managed fields the spec sets, keyed by API request name, as string or
// bool so they compare with appValues.
func (s Spec) values() map[string]any {
	m := map[string]any{}
	for key, v := range s.stringFields() {
		if v != nil {
			m[key] = *v
		}
	}
	for key, v := range s.boolFields() {
		if v != nil {
			m[key] = *v
		}
	}
	return m
}

func (s Spec) stringFields() map[string]*string {
	return map[string]*string{
		"answer_url": s.AnswerURL, "answer_method": s.AnswerMethod,
		"hangup_url": s.HangupURL, "hangup_method": s.HangupMethod,
		"fallback_answer_url": s.FallbackAnswerURL, "fallback_method": s.FallbackMethod,
		"message_url": s.MessageURL, "message_method": s.MessageMethod,
	}
}

func (s Spec) boolFields() map[string]*bool {
	return map[string]*bool{
		"default_number_app": s.DefaultNumberApp, "default_endpoint_app": s.DefaultEndpointApp,
		"log_incoming_messages": s.LogIncomingMessages,
	}
}

// createParams is the create request for the spec.
func (s Spec) createParams() api.CreateParams {
	u := s.updateParams()
	return api.CreateParams{
		AppName: s.Name, AnswerURL: deref(u.AnswerURL), AnswerMethod: deref(u.AnswerMethod),
		HangupURL: deref(u.HangupURL), HangupMethod: deref(u.HangupMethod),
		FallbackAnswerURL: deref(u.FallbackAnswerURL), FallbackMethod: deref(u.FallbackMethod),
		MessageURL: deref(u.MessageURL), MessageMethod: deref(u.MessageMethod),
		DefaultNumberApp: u.DefaultNumberApp, DefaultEndpointApp: u.DefaultEndpointApp,
		LogIncomingMessages: u.LogIncomingMessages, Subaccount: deref(s.Subaccount),
	}
}

// updateParams sets every managed field of the spec (used to validate the whole entry).
func (s Spec) updateParams() api.UpdateParams {
	p := paramsFrom(s.values())
	p.AppName = &s.Name
	return p
}

// updateParams sends only the fields that differ.
func (c Change) updateParams() api.UpdateParams {
	m := map[string]any{}
	for _, f := range c.Fields {
		m[f.Field] = f.To
	}
	return paramsFrom(m)
}

// paramsFrom fills an update request from values keyed by API field name.
func paramsFrom(m map[string]any) api.UpdateParams {
	var p api.UpdateParams
	strs := map[string]**string{
		"answer_url": &p.AnswerURL, "answer_method": &p.AnswerMethod,
		"hangup_url": &p.HangupURL, "hangup_method": &p.HangupMethod,
		"fallback_answer_url": &p.FallbackAnswerURL, "fallback_method": &p.FallbackMethod,
		"message_url": &p.MessageURL, "message_method": &p.MessageMethod,
	}
	bools := map[string]**bool{
		"default_number_app": &p.DefaultNumberApp, "default_endpoint_app": &p.DefaultEndpointApp,
		"log_incoming_messages": &p.LogIncomingMessages,
	}
	for key, v := range m {
		switch v := v.(type) {
		case string:
			if target, ok := strs[key]; ok {
				*target = &v
			}
		case bool:
			if target, ok := bools[key]; ok {
				*target = &v
			}
		}
	}
	return p
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
