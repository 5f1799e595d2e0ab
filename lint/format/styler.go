package format

// Styler colours pieces of the pretty format. This package never emits escape codes itself:
// internal/render implements Styler with lipgloss for terminals, and PlainStyler leaves text
// unchanged for pipes, NO_COLOR and tests.
type Styler interface {
	// Error styles text that belongs to an error: the severity word and its underline.
	Error(s string) string
	// Warning styles text that belongs to a warning.
	Warning(s string) string
	// Info styles text that belongs to an info finding.
	Info(s string) string
	// Path styles a file location such as "flows/ivr.xml:3:15".
	Path(s string) string
	// Dim styles secondary text: rule IDs, the line-number gutter.
	Dim(s string) string
	// Bold styles emphasised text: messages and the summary.
	Bold(s string) string
}

// PlainStyler is a Styler that returns every string unchanged.
type PlainStyler struct{}

// Error returns s unchanged.
func (PlainStyler) Error(s string) string { return s }

// Warning returns s unchanged.
func (PlainStyler) Warning(s string) string { return s }

// Info returns s unchanged.
func (PlainStyler) Info(s string) string { return s }

// Path returns s unchanged.
func (PlainStyler) Path(s string) string { return s }

// Dim returns s unchanged.
func (PlainStyler) Dim(s string) string { return s }

// Bold returns s unchanged.
func (PlainStyler) Bold(s string) string { return s }
