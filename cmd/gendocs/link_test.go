package gendocs

import (
	"os/exec"
	"strings"
	"testing"
)

// TestVobizctlDoesNotLinkDocsGeneration keeps cobra/doc and its Markdown stack out of the vobizctl
// binary: their package init ran at the start of every command when docs generation lived in cmd.
func TestVobizctlDoesNotLinkDocsGeneration(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/vobizctl/vobizctl").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) == 0 || deps[len(deps)-1] != "github.com/vobizctl/vobizctl" {
		t.Fatalf("go list -deps did not list the vobizctl main package last: %q", deps)
	}
	banned := []string{"github.com/spf13/cobra/doc", "github.com/cpuguy83/go-md2man", "github.com/russross/blackfriday"}
	for _, dep := range deps {
		for _, b := range banned {
			if strings.HasPrefix(dep, b) {
				t.Errorf("the vobizctl binary links %q: import docs generation only from cmd/gendocs", dep)
			}
		}
	}
}
