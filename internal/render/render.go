// Package render is the only place that imports lipgloss: shared styles, tables and the JSON and
// YAML printers every command uses. Styled text is always written through a colour-profile-aware
// writer, so pipes, NO_COLOR, CLICOLOR_FORCE, TERM=dumb and --no-color behave the same everywhere.
package render

import (
	"encoding/json"
	"io"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"go.yaml.in/yaml/v3"

	"github.com/vobizctl/vobizctl/internal/iostreams"
)

// Renderer writes human output for one command run.
type Renderer struct {
	// Out and Err downsample or strip escape codes to what the stream supports.
	Out    io.Writer
	Err    io.Writer
	Styles Styles
	// ErrStyles are the styles to use for text written to Err.
	ErrStyles Styles
	IsTTY     bool
	Width     int
}

// New returns a renderer for the given streams.
func New(ios *iostreams.IOStreams) *Renderer {
	out := colorprofile.NewWriter(ios.Out, nil)
	out.Profile = ios.OutProfile()
	errw := colorprofile.NewWriter(ios.ErrOut, nil)
	errw.Profile = ios.ErrProfile()
	return &Renderer{
		Out: out, Err: errw,
		Styles:    NewStyles(ios.OutProfile() > colorprofile.NoTTY),
		ErrStyles: NewStyles(ios.ErrProfile() > colorprofile.NoTTY),
		IsTTY:     ios.IsStdoutTTY(),
		Width:     ios.TerminalWidth(),
	}
}

// JSON writes v as indented JSON followed by a newline. HTML characters are not escaped, so URLs
// with & stay readable.
func JSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// YAML writes v as YAML with two-space indentation. Values are converted through their JSON form
// first, so the field names and omitempty rules match --format json.
func YAML(w io.Writer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	var generic any
	if err := json.Unmarshal(b, &generic); err != nil {
		return err
	}
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(generic); err != nil {
		return err
	}
	return enc.Close()
}

// Width returns the display width of s in terminal cells, ignoring escape codes.
func Width(s string) int { return lipgloss.Width(s) }
