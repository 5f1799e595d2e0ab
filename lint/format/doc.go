// Package format prints lint results in the formats `vobizctl lint --format` offers (so far: text, pretty).
// Get a printer with New and call Print.
//
// Every printer is a pure function of its input: diagnostics are printed in document order
// (line, column, then severity, rule and message) and results in the order given, so the same
// results always give the same bytes. Printers never decide exit codes, and a Result whose Err is
// set (a file that could not be read) is reported in each format's own way rather than dropped.
//
// # Positions
//
// Lines and columns are 1-based and columns count characters (runes), as lint.Position defines.
// A diagnostic's End is exclusive: it names the character just after the span, as SARIF regions
// and editor ranges do; End equal to Start is an empty span at Start, shown as one character. A
// Start.Line below 1 marks a finding about the whole file; a Start.Col below 1 one about a whole
// line.
package format
