// Package tabari reads the dictionaries of the TABARI event coder (.verbs,
// .actors and .agents files, and the .project file that names them) and
// converts them into dyad's model with package dict/petrarch, whose
// PETRARCH dictionaries descend from TABARI's.
//
// # Verbs
//
// A .verbs file lists roots, each followed by its patterns:
//
//	BREAK_ [1717]
//	{ BROKE_ BROKEN_ BROKEN_DOWN_ }
//	- * TREATY  [161]
//	- + * IN_ $  [075]
//	CALLED_ON  [094]
//	DAVIS_CUP  [###]
//
// Each root becomes a petrarch.Block: its first word is the verb, words
// joined by '_' must follow it directly ("CALLED_ON"), words after a blank
// follow with gaps ("APPRECIATE POSITION"); the "{…}" line gives irregular
// forms. A root coded [###] is a discard phrase. Patterns are converted as
// PETRARCH's are (see package dict/petrarch), including TABARI's
// disjunctions "{ SANCTIONS | BOYCOTT | EMBARGO }". <SYNSETS> are read;
// <TIME> shifts are skipped and reported. TABARI matches a word without a
// final '_' as a stem ("CONTRIBUT" for "contributes"); dyad matches lemmas,
// so such a root also gets its "-e" form ("contribute") as an irregular
// form of the stem, which covers most English verbs; other stems are lost.
//
// # Actors and agents
//
// .actors and .agents files are read by petrarch.ParseActors and
// petrarch.ParseAgents with Dialect TABARI: several [codes] may follow an
// entry's phrase ("ALBRIGHT [USAGOV 991201-010114] [---]"), <NOUN> and
// <ADJECTIVE> lists are skipped, and [###] makes the phrase a discard.
//
// # Options files
//
// The .options file (DELETE, REPLACE, COMPLEX, …) controls TABARI's parser
// and output and has no counterpart in dyad: Load reports it as skipped.
package tabari
