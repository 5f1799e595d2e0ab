// Package apply manages Vobiz Applications declaratively. A vobiz.yaml file lists the
// applications an account should have, keyed by name; MakePlan compares it with the account
// (create / update with a field diff / unchanged) and Apply carries the plan out. Applications
// that the file does not name are never touched, and fields the file leaves out are not
// managed, so running it twice changes nothing the second time.
package apply

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// FormatVersion is the only file format version so far.
const FormatVersion = 1

// File is a parsed vobiz.yaml.
type File struct {
	// Version is the format version; omitted means 1.
	Version      int    `yaml:"version"`
	Applications []Spec `yaml:"applications"`
}

// Spec is one desired application. Name and AnswerURL are required; a nil field is not managed
// (left as it is on update, the API default on create).
type Spec struct {
	Name                string  `yaml:"name"`
	AnswerURL           *string `yaml:"answer_url"`
	AnswerMethod        *string `yaml:"answer_method"`
	HangupURL           *string `yaml:"hangup_url"`
	HangupMethod        *string `yaml:"hangup_method"`
	FallbackAnswerURL   *string `yaml:"fallback_answer_url"`
	FallbackMethod      *string `yaml:"fallback_method"`
	MessageURL          *string `yaml:"message_url"`
	MessageMethod       *string `yaml:"message_method"`
	DefaultNumberApp    *bool   `yaml:"default_number_app"`
	DefaultEndpointApp  *bool   `yaml:"default_endpoint_app"`
	LogIncomingMessages *bool   `yaml:"log_incoming_messages"`
	// Subaccount is set at create only; a different value for an existing app is an error.
	Subaccount *string `yaml:"subaccount"`

	// Line is where the entry starts in the file, for messages.
	Line int `yaml:"-"`
}

// specKeys lists the keys an application entry may have, in documentation order.
func specKeys() []string {
	return []string{"name", "answer_url", "answer_method", "hangup_url", "hangup_method",
		"fallback_answer_url", "fallback_method", "message_url", "message_method",
		"default_number_app", "default_endpoint_app", "log_incoming_messages", "subaccount"}
}

// Parse reads a vobiz.yaml from r; name labels errors ("vobiz.yaml:7: …"). Unknown keys, a
// missing or invalid required value and duplicate names are errors, so a typo never silently
// leaves a field unmanaged.
func Parse(r io.Reader, name string) (File, error) {
	var f File
	var root yaml.Node
	if err := yaml.NewDecoder(r).Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			return f, fmt.Errorf("%s: the file is empty; it needs an \"applications:\" list", name)
		}
		return f, fmt.Errorf("%s: invalid YAML: %w", name, err)
	}
	doc := root.Content[0]
	if doc.Kind != yaml.MappingNode {
		return f, fmt.Errorf("%s:%d: the top level must be a mapping with \"version\" and \"applications\"", name, doc.Line)
	}
	if err := checkKeys(doc, name, "the top level", []string{"version", "applications"}); err != nil {
		return f, err
	}
	entries, err := applicationNodes(doc, name)
	if err != nil {
		return f, err
	}
	for i, entry := range entries {
		if err := checkKeys(entry, name, fmt.Sprintf("application %d", i+1), specKeys()); err != nil {
			return f, err
		}
	}
	if err := doc.Decode(&f); err != nil {
		return f, fmt.Errorf("%s: %s", name, yamlMessage(err))
	}
	for i := range f.Applications {
		f.Applications[i].Line = entries[i].Line
	}
	return f, f.validate(name)
}

// applicationNodes returns the entries of the "applications" list.
func applicationNodes(doc *yaml.Node, file string) ([]*yaml.Node, error) {
	for i := 0; i+1 < len(doc.Content); i += 2 {
		if doc.Content[i].Value != "applications" {
			continue
		}
		list := doc.Content[i+1]
		if list.Kind != yaml.SequenceNode {
			return nil, fmt.Errorf("%s:%d: \"applications\" must be a list of entries (\"- name: …\")", file, list.Line)
		}
		return list.Content, nil
	}
	return nil, nil
}

// checkKeys rejects keys outside allowed, naming the line and the valid set.
func checkKeys(m *yaml.Node, file, what string, allowed []string) error {
	if m.Kind != yaml.MappingNode {
		return fmt.Errorf("%s:%d: %s must be a mapping of fields", file, m.Line, what)
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		key := m.Content[i]
		if !slices.Contains(allowed, key.Value) {
			return fmt.Errorf("%s:%d: unknown field %q in %s: want one of %s", file, key.Line, key.Value, what, strings.Join(allowed, ", "))
		}
	}
	return nil
}

// validate checks the version, required fields, values and duplicate names.
func (f File) validate(file string) error {
	if f.Version != 0 && f.Version != FormatVersion {
		return fmt.Errorf("%s: unsupported version %d: want %d", file, f.Version, FormatVersion)
	}
	if len(f.Applications) == 0 {
		return fmt.Errorf("%s: no applications: add at least one entry under \"applications:\"", file)
	}
	seen := map[string]int{}
	for _, s := range f.Applications {
		if err := s.validate(); err != nil {
			return fmt.Errorf("%s:%d: %w", file, s.Line, err)
		}
		if line, dup := seen[s.Name]; dup {
			return fmt.Errorf("%s:%d: application %q is already defined on line %d: names must be unique", file, s.Line, s.Name, line)
		}
		seen[s.Name] = s.Line
	}
	return nil
}

// validate runs the API package's local checks on the entry.
func (s Spec) validate() error {
	if s.Name == "" {
		return errors.New("an application without a name: every entry needs \"name:\"")
	}
	if s.AnswerURL == nil {
		return fmt.Errorf("application %q: answer_url is required", s.Name)
	}
	p := s.updateParams()
	if err := p.Validate(); err != nil {
		return fmt.Errorf("application %q: %w", s.Name, err)
	}
	if s.Subaccount != nil {
		if err := s.createParams().Validate(); err != nil {
			return fmt.Errorf("application %q: %w", s.Name, err)
		}
	}
	return nil
}

// yamlMessage flattens yaml.v3's multi-line type errors into one line and names the expected
// values instead of Go types.
func yamlMessage(err error) string {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return err.Error()
	}
	msg := strings.Join(te.Errors, "; ")
	return strings.NewReplacer("into bool", "into a boolean (want true or false)",
		"into string", "into a string", "into int", "into a number").Replace(msg)
}
