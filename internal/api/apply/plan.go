package apply

import (
	"fmt"
	"strings"

	"github.com/vobizctl/vobizctl/internal/api"
)

// Action is what a plan does to one application.
type Action string

// The actions, in the order a plan lists them per application.
const (
	Create    Action = "create"
	Update    Action = "update"
	Unchanged Action = "unchanged"
)

// FieldChange is one field a create sets or an update changes. From is nil for a create.
type FieldChange struct {
	Field string `json:"field"`
	From  any    `json:"from,omitempty"`
	To    any    `json:"to"`
}

// Change is the plan for one application of the file.
type Change struct {
	Action Action `json:"action"`
	Name   string `json:"name"`
	// AppID is the existing app's ID (update, unchanged) or the new one once created.
	AppID  string        `json:"app_id,omitempty"`
	Fields []FieldChange `json:"fields,omitempty"`

	spec Spec
}

// Plan lists one Change per application of the file, in file order.
type Plan struct {
	Changes []Change `json:"changes"`
}

// Count returns how many changes have the action.
func (p Plan) Count(a Action) int {
	n := 0
	for _, c := range p.Changes {
		if c.Action == a {
			n++
		}
	}
	return n
}

// MakePlan compares the file with the account's applications. A name used by more than one
// existing application, or a subaccount that differs from the existing app's, is an error:
// apply could not do what the file says.
func MakePlan(f File, existing []api.Application) (Plan, error) {
	byName := map[string][]api.Application{}
	for _, app := range existing {
		byName[app.AppName] = append(byName[app.AppName], app)
	}
	var plan Plan
	for _, spec := range f.Applications {
		matches := byName[spec.Name]
		switch len(matches) {
		case 0:
			plan.Changes = append(plan.Changes, Change{Action: Create, Name: spec.Name, Fields: createFields(spec), spec: spec})
		case 1:
			c, err := updateChange(spec, matches[0])
			if err != nil {
				return Plan{}, err
			}
			plan.Changes = append(plan.Changes, c)
		default:
			return Plan{}, fmt.Errorf("application name %q is used by %d applications (IDs %s): rename or delete the extra ones so apply knows which to manage",
				spec.Name, len(matches), strings.Join(appIDs(matches), ", "))
		}
	}
	return plan, nil
}

// updateChange diffs the managed fields of spec against the existing app.
func updateChange(spec Spec, app api.Application) (Change, error) {
	if spec.Subaccount != nil && *spec.Subaccount != app.SubAccount {
		return Change{}, fmt.Errorf("application %q (%s) belongs to subaccount %q, the file says %q: the subaccount is fixed at create; delete and re-create the app to move it",
			spec.Name, app.AppID, app.SubAccount, *spec.Subaccount)
	}
	c := Change{Action: Unchanged, Name: spec.Name, AppID: app.AppID, spec: spec}
	want, have := spec.values(), appValues(app)
	for _, key := range managedKeys() {
		if w, managed := want[key]; managed && w != have[key] {
			c.Fields = append(c.Fields, FieldChange{Field: key, From: have[key], To: w})
		}
	}
	if len(c.Fields) > 0 {
		c.Action = Update
	}
	return c, nil
}

// createFields lists every field the file sets for a new app, subaccount included.
func createFields(spec Spec) []FieldChange {
	var out []FieldChange
	want := spec.values()
	for _, key := range managedKeys() {
		if w, ok := want[key]; ok {
			out = append(out, FieldChange{Field: key, To: w})
		}
	}
	if spec.Subaccount != nil {
		out = append(out, FieldChange{Field: "subaccount", To: *spec.Subaccount})
	}
	return out
}

// managedKeys are the fields apply compares, in the order plans show them.
func managedKeys() []string {
	keys := specKeys()
	return keys[1 : len(keys)-1] // without name and subaccount
}

// appValues gives an existing app's managed fields under the file's keys. The response calls
// the message log flag log_incoming_message; the file uses the request name.
func appValues(a api.Application) map[string]any {
	return map[string]any{
		"answer_url": a.AnswerURL, "answer_method": a.AnswerMethod,
		"hangup_url": a.HangupURL, "hangup_method": a.HangupMethod,
		"fallback_answer_url": a.FallbackAnswerURL, "fallback_method": a.FallbackMethod,
		"message_url": a.MessageURL, "message_method": a.MessageMethod,
		"default_number_app": a.DefaultNumberApp, "default_endpoint_app": a.DefaultEndpointApp,
		"log_incoming_messages": a.LogIncomingMessage,
	}
}

func appIDs(apps []api.Application) []string {
	ids := make([]string, len(apps))
	for i, a := range apps {
		ids[i] = a.AppID
	}
	return ids
}
