// Package data embeds dyad's default dictionaries: countries.txt,
// actors.txt, agents.txt, verbs.txt and lemmas.txt, in the formats that
// FORMATS.md specifies. They are plain text; edit them, or override them at
// run time with `dyad code --dict DIR`.
package data

import "embed"

// FS holds the dictionary files.
//
//go:embed *
var FS embed.FS
