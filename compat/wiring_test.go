package compat

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dyad/pipeline"
)

// resources is cmd/dyad's --dict loading.
var resources = pipeline.LoadSpecs

func TestWiring(t *testing.T) {
	if _, err := os.Stat(petrDir); err != nil {
		t.Skipf("skipping: %v (../shared is absent)", err)
	}
	var warn strings.Builder
	res, err := resources([]string{"petrarch:" + petrDir, "tabari:" + filepath.Join(tabariDir, "Validate.project")}, &warn)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Dict.Verbs) < 10000 || !strings.Contains(warn.String(), "malformed lines skipped") {
		t.Errorf("%d patterns; warnings:\n%.500s", len(res.Dict.Verbs), warn.String())
	}
	if _, err := resources([]string{"petrarch:/nonexistent"}, io.Discard); err == nil {
		t.Error("a missing directory must fail")
	}
	if _, err := resources([]string{"tabari:" + filepath.Join(tabariDir, "Validate.text")}, io.Discard); err == nil {
		t.Error("a file of unknown kind must fail")
	}
}
