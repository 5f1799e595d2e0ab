package render

import (
	"fmt"
	"io"
	"strings"
)

// Table prints rows as aligned columns with a bold header on a terminal, and as tab-separated
// values without a header on a pipe, so that scripts can `cut -f2` the output.
type Table struct {
	r       *Renderer
	headers []string
	rows    [][]string
}

// NewTable starts a table with the given column headers.
func (r *Renderer) NewTable(headers ...string) *Table {
	return &Table{r: r, headers: headers}
}

// AddRow appends a row; missing cells print as empty.
func (t *Table) AddRow(cells ...string) { t.rows = append(t.rows, cells) }

// Len is the number of rows added.
func (t *Table) Len() int { return len(t.rows) }

// Render writes the table to the renderer's output.
func (t *Table) Render() error {
	if !t.r.IsTTY {
		return t.renderTSV(t.r.Out)
	}
	return t.renderAligned(t.r.Out)
}

func (t *Table) renderTSV(w io.Writer) error {
	for _, row := range t.rows {
		cells := make([]string, len(row))
		for i, c := range row {
			cells[i] = strings.NewReplacer("\t", " ", "\n", " ").Replace(c)
		}
		if _, err := fmt.Fprintln(w, strings.Join(cells, "\t")); err != nil {
			return err
		}
	}
	return nil
}

func (t *Table) renderAligned(w io.Writer) error {
	widths := t.columnWidths()
	lines := make([]string, 0, len(t.rows)+1)
	lines = append(lines, t.formatRow(t.headers, widths, t.r.Styles.Bold))
	for _, row := range t.rows {
		lines = append(lines, t.formatRow(row, widths, nil))
	}
	_, err := fmt.Fprintln(w, strings.Join(lines, "\n"))
	return err
}

func (t *Table) columnWidths() []int {
	widths := make([]int, len(t.headers))
	for _, row := range append([][]string{t.headers}, t.rows...) {
		for i, c := range row {
			if i < len(widths) && Width(c) > widths[i] {
				widths[i] = Width(c)
			}
		}
	}
	return widths
}

func (t *Table) formatRow(row []string, widths []int, style func(string) string) string {
	var b strings.Builder
	for i := range widths {
		cell := ""
		if i < len(row) {
			cell = row[i]
		}
		pad := widths[i] - Width(cell)
		if style != nil {
			cell = style(cell)
		}
		b.WriteString(cell)
		if i < len(widths)-1 {
			b.WriteString(strings.Repeat(" ", pad+2))
		}
	}
	return strings.TrimRight(b.String(), " ")
}
