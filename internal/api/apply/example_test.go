package apply

import (
	"os"
	"path/filepath"
)

// openExample parses the documented example, so the example can never drift from the format.
func openExample() (File, error) {
	path := filepath.Join("..", "..", "..", "examples", "vobiz.yaml")
	r, err := os.Open(path)
	if err != nil {
		return File{}, err
	}
	defer r.Close()
	return Parse(r, path)
}
