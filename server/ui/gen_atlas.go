//go:build ignore

// gen_atlas fetches the country outlines the explorer's map draws: the
// 110m TopoJSON of the npm package world-atlas (ISC licence, Natural Earth
// data in the public domain), pinned to one version and checked against the
// package's published integrity hash, so that every run writes the same
// bytes. It needs npm (the ordinary client, as configured on the machine).
//
//	go generate ./server/ui
//
// writes assets/world-atlas/countries-110m.json and its LICENSE. The files
// are committed; the build does not need npm.
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha512"
	"encoding/base64"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
)

const (
	pkg = "world-atlas@2.0.2"
	// integrity is the npm registry's dist.integrity of world-atlas 2.0.2.
	integrity = "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ=="
	outDir    = "assets/world-atlas"
)

// files are the members of the package to keep.
var files = map[string]string{
	"package/countries-110m.json": "countries-110m.json",
	"package/LICENSE":             "LICENSE",
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gen_atlas:", err)
		os.Exit(1)
	}
}

func run() error {
	tmp, err := os.MkdirTemp("", "world-atlas")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	cmd := exec.Command("npm", "pack", pkg, "--silent", "--pack-destination", tmp)
	cmd.Stderr = os.Stderr
	cmd.Stdout = io.Discard
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("npm pack %s: %w", pkg, err)
	}
	tgz, err := os.ReadFile(filepath.Join(tmp, "world-atlas-2.0.2.tgz"))
	if err != nil {
		return err
	}
	sum := sha512.Sum512(tgz)
	if got := "sha512-" + base64.StdEncoding.EncodeToString(sum[:]); got != integrity {
		return fmt.Errorf("%s: integrity %s, want %s", pkg, got, integrity)
	}
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		return err
	}
	tr := tar.NewReader(zr)
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return err
	}
	found := 0
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		name, ok := files[h.Name]
		if !ok {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(outDir, name), b, 0o644); err != nil {
			return err
		}
		found++
	}
	if found != len(files) {
		return fmt.Errorf("%s: found %d of %d files", pkg, found, len(files))
	}
	return nil
}
