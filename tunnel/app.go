package tunnel

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// The Application URL fields a tunnel session can point at itself (reference/vobiz-api.md §2.1).
const (
	FieldAnswer   = "answer_url"
	FieldHangup   = "hangup_url"
	FieldFallback = "fallback_answer_url"
	FieldMessage  = "message_url"
)

// URLSet maps Application URL fields to values; "" means unset (the API's null).
type URLSet map[string]string

// Only returns the values of the given fields ("" for a field s lacks).
func (s URLSet) Only(fields []string) URLSet {
	out := URLSet{}
	for _, f := range fields {
		out[f] = s[f]
	}
	return out
}

// Fields returns the field names in s, sorted.
func (s URLSet) Fields() []string { return slices.Sorted(maps.Keys(s)) }

// Equal reports whether s and o hold the same fields and values.
func (s URLSet) Equal(o URLSet) bool { return maps.Equal(s, o) }

// App is the part of a Vobiz Application that a tunnel session reads.
type App struct {
	ID   string
	Name string
	// URLs holds every field of the constants above.
	URLs URLSet
}

// AppStore reads and updates Applications; the command layer adapts the REST client to it.
type AppStore interface {
	// Get returns one application.
	Get(ctx context.Context, appID string) (App, error)
	// Update sets exactly the fields in urls ("" clears a field), leaving the others unchanged.
	Update(ctx context.Context, appID string, urls URLSet) error
	// List returns every application of the account, for --app-name.
	List(ctx context.Context) ([]App, error)
}

// AppNameError means --app-name matched no application, or several.
type AppNameError struct {
	Name string
	// IDs are the matching applications (several), empty when none matched.
	IDs []string
	// Known are the names the account has (the first ten), when none matched.
	Known []string
	Total int
}

func (e *AppNameError) Error() string {
	switch {
	case len(e.IDs) > 1:
		return fmt.Sprintf("%d applications are named %q (IDs %s)", len(e.IDs), e.Name, strings.Join(e.IDs, ", "))
	case e.Total == 0:
		return fmt.Sprintf("no application named %q: the account has no applications", e.Name)
	}
	return fmt.Sprintf("no application named %q (the account has %d: %s)", e.Name, e.Total, strings.Join(e.Known, ", "))
}

// Hint says how to pick the application.
func (e *AppNameError) Hint() string {
	if len(e.IDs) > 1 {
		return "pass the one you mean with --app ID"
	}
	return "check the name (`vobizctl apps list`), or pass the ID with --app"
}

// FindApp returns the one application called name, or an *AppNameError.
func FindApp(ctx context.Context, store AppStore, name string) (App, error) {
	apps, err := store.List(ctx)
	if err != nil {
		return App{}, err
	}
	var found []App
	var names, ids []string
	for _, a := range apps {
		names = append(names, a.Name)
		if a.Name == name {
			found = append(found, a)
			ids = append(ids, a.ID)
		}
	}
	if len(found) == 1 {
		return found[0], nil
	}
	return App{}, &AppNameError{Name: name, IDs: ids, Known: firstN(names, 10), Total: len(apps)}
}

func firstN(s []string, n int) []string {
	if len(s) <= n {
		return s
	}
	return append(slices.Clip(s[:n]), "…")
}

// Paths are the local paths the Application's URLs point at, below the public URL. Empty
// Fallback or Message leave those fields untouched.
type Paths struct {
	Answer, Hangup, Fallback, Message string
}

// URLs returns the Application URLs for a public base URL. Every path must start with "/".
func (p Paths) URLs(public string) (URLSet, error) {
	set := URLSet{}
	for _, f := range []struct{ field, flag, path string }{
		{FieldAnswer, "--answer-path", p.Answer}, {FieldHangup, "--hangup-path", p.Hangup},
		{FieldFallback, "--fallback-path", p.Fallback}, {FieldMessage, "--message-path", p.Message},
	} {
		if f.path == "" && (f.field == FieldFallback || f.field == FieldMessage) {
			continue
		}
		if !strings.HasPrefix(f.path, "/") || strings.ContainsAny(f.path, "#\\ ") {
			return nil, fmt.Errorf("invalid %s %q: want a path starting with \"/\", such as /answer", f.flag, f.path)
		}
		set[f.field] = strings.TrimRight(public, "/") + f.path
	}
	return set, nil
}
