package tunnel

import (
	"context"

	"github.com/vobizctl/vobizctl/internal/api"
)

// APIStore is the AppStore backed by the Vobiz REST client.
type APIStore struct {
	Client *api.Client
}

// Get reads one application.
func (s APIStore) Get(ctx context.Context, appID string) (App, error) {
	a, err := s.Client.GetApplication(ctx, appID)
	if err != nil {
		return App{}, err
	}
	return appFromAPI(a), nil
}

// List reads every application, following the pages.
func (s APIStore) List(ctx context.Context) ([]App, error) {
	all, err := s.Client.ListAllApplications(ctx, 0)
	if err != nil {
		return nil, err
	}
	apps := make([]App, len(all))
	for i, a := range all {
		apps[i] = appFromAPI(a)
	}
	return apps, nil
}

// Update sets the given URL fields with one POST. An empty fallback or message URL clears it.
// The API cannot clear hangup_url; Vobiz documents that an absent hangup URL means the answer
// URL, so an empty hangup_url is written as the answer URL of the same update (or left alone
// when the update has none).
func (s APIStore) Update(ctx context.Context, appID string, urls URLSet) error {
	var p api.UpdateParams
	set := func(field string) *string {
		v, ok := urls[field]
		if !ok {
			return nil
		}
		return &v
	}
	p.AnswerURL, p.FallbackAnswerURL, p.MessageURL = set(FieldAnswer), set(FieldFallback), set(FieldMessage)
	if h := set(FieldHangup); h != nil && (*h != "" || p.AnswerURL != nil) {
		if *h == "" {
			h = p.AnswerURL
		}
		p.HangupURL = h
	}
	if p == (api.UpdateParams{}) {
		return nil
	}
	_, err := s.Client.UpdateApplication(ctx, appID, p)
	return err
}

func appFromAPI(a api.Application) App {
	return App{ID: a.AppID, Name: a.AppName, URLs: URLSet{
		FieldAnswer: a.AnswerURL, FieldHangup: a.HangupURL, FieldFallback: a.FallbackAnswerURL, FieldMessage: a.MessageURL,
	}}
}
