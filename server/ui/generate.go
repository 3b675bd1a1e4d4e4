package ui

//go:generate go run gen_atlas.go
