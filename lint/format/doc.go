// Package format prints lint results in the formats `vobizctl lint --format` offers: text,
// pretty, json, sarif, junit, checkstyle and github. Get a printer with New and call Print;
// WriteGitHubSummary writes the Markdown table for $GITHUB_STEP_SUMMARY.
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
//
// # The json format
//
// The json format writes one object, indented, with this shape (schemaVersion 1):
//
//	{
//	  "schemaVersion": 1,                // changes only when a field is removed or changes meaning
//	  "tool": {"name": "vobizctl", "version": "1.2.0"},  // version omitted when unknown
//	  "summary": {
//	    "files": 5,                      // results printed
//	    "filesWithFindings": 2,
//	    "unreadable": 1,                 // results whose file could not be read
//	    "errors": 2, "warnings": 3, "infos": 1
//	  },
//	  "results": [                       // one per file, in input order
//	    {
//	      "file": "flows/ivr.xml",       // as given to the linter
//	      "dialect": "vobiz",            // omitted when no dialect was detected
//	      "dialectReason": "requested",  // why: requested, a vobizctl-dialect comment, detected, ambiguous
//	      "error": "cannot read file: …",// present only for unreadable files
//	      "diagnostics": [               // always a list, empty for a clean file
//	        {
//	          "file": "flows/ivr.xml",
//	          "start": {"line": 3, "column": 9, "offset": 57},   // offset: 0-based byte offset
//	          "end": {"line": 3, "column": 16, "offset": 64},    // exclusive
//	          "severity": "error",       // "error", "warning" or "info"
//	          "rule": "unknown-attribute",
//	          "message": "…",
//	          "hint": "…"                // omitted when there is none
//	        }
//	      ]
//	    }
//	  ]
//	}
//
// # The other machine formats
//
// sarif is SARIF 2.1.0 for GitHub code scanning: locations relative to Options.Root under the
// uriBaseId %SRCROOT% (absolute file:// URIs for files outside it), columnKind
// unicodeCodePoints, every rule of Options.Rules with its help text, and unreadable files as
// tool execution notifications. junit has one test suite per file with one test case that fails
// when the file has errors. checkstyle is the Checkstyle 4.3 report shape. github writes workflow
// commands (::error, ::warning, ::notice) with file names relative to Options.Root.
package format
