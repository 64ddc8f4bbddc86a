package main

import (
	"os/exec"
	"strings"
	"testing"
)

// allowedImports is the layering of docs/architecture: which of our packages each layer may
// import. A package not listed may import only what its layer's prefix allows.
var allowedImports = map[string][]string{
	"steward/models":     {"steward/migrations"},
	"steward/rules":      {"steward/models"},
	"steward/web":        {"steward/models"},
	"steward/handlers":   {"steward/web", "steward/rules", "steward/models", "steward/static", "steward/jobs"},
	"steward/jobs":       {"steward/rules", "steward/models", "steward/jobs"},
	"steward/migrations": {},
	"steward/static":     {},
}

func layerOf(pkg string) string {
	for _, layer := range []string{"steward/models", "steward/rules", "steward/web", "steward/handlers", "steward/jobs", "steward/migrations", "steward/static"} {
		if pkg == layer || strings.HasPrefix(pkg, layer+"/") {
			return layer
		}
	}
	return ""
}

func TestImportDirection(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}} {{join .Imports " "}}`, "steward/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg, imports := fields[0], fields[1:]
		layer := layerOf(pkg)
		if layer == "" {
			continue // cmd wires everything
		}
		for _, imp := range imports {
			if !strings.HasPrefix(imp, "steward/") {
				continue
			}
			il := layerOf(imp)
			if il == layer && strings.HasPrefix(imp, layer) {
				continue // within a layer (models/testdb → models)
			}
			ok := false
			for _, a := range allowedImports[layer] {
				if il == a {
					ok = true
				}
			}
			if !ok {
				t.Errorf("%s imports %s: %s may import only %v", pkg, imp, layer, allowedImports[layer])
			}
		}
	}
}
