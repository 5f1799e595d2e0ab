package render

import (
	"charm.land/lipgloss/v2"
)

// Styles are the named looks shared by every command. Each method returns s unchanged when styling
// is off, so callers can use them unconditionally.
type Styles struct {
	enabled bool
	err     lipgloss.Style
	warn    lipgloss.Style
	info    lipgloss.Style
	success lipgloss.Style
	bold    lipgloss.Style
	dim     lipgloss.Style
	path    lipgloss.Style
}

// NewStyles returns the shared styles; enabled false makes every style the identity.
func NewStyles(enabled bool) Styles {
	return Styles{
		enabled: enabled,
		err:     lipgloss.NewStyle().Foreground(lipgloss.Red).Bold(true),
		warn:    lipgloss.NewStyle().Foreground(lipgloss.Yellow).Bold(true),
		info:    lipgloss.NewStyle().Foreground(lipgloss.Blue),
		success: lipgloss.NewStyle().Foreground(lipgloss.Green),
		bold:    lipgloss.NewStyle().Bold(true),
		dim:     lipgloss.NewStyle().Faint(true),
		path:    lipgloss.NewStyle().Bold(true),
	}
}

func (s Styles) apply(st lipgloss.Style, text string) string {
	if !s.enabled || text == "" {
		return text
	}
	return st.Render(text)
}

// Enabled reports whether the styles add escape codes.
func (s Styles) Enabled() bool { return s.enabled }

// Error styles error labels.
func (s Styles) Error(text string) string { return s.apply(s.err, text) }

// Warning styles warning labels.
func (s Styles) Warning(text string) string { return s.apply(s.warn, text) }

// Info styles informational labels.
func (s Styles) Info(text string) string { return s.apply(s.info, text) }

// Success styles confirmations.
func (s Styles) Success(text string) string { return s.apply(s.success, text) }

// Bold styles emphasis and table headers.
func (s Styles) Bold(text string) string { return s.apply(s.bold, text) }

// Dim styles secondary text (sources, hints).
func (s Styles) Dim(text string) string { return s.apply(s.dim, text) }

// Path styles file names and locations.
func (s Styles) Path(text string) string { return s.apply(s.path, text) }
