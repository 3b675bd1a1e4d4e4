// Package petrarch reads the dictionaries of the PETRARCH-2 event coder and
// converts them into dyad's model, *dict.Dictionaries, so that users can code
// with the verb, actor and agent dictionaries they already own.
//
// PETRARCH's pattern language and dyad's are different, so the conversion is
// approximate where dyad's is less expressive. Everything that could not be
// converted exactly is listed in the Report, each with its file and line;
// malformed input is reported as *dict.Error values (also file and line) and
// skipped. No reader panics, whatever its input.
//
// # Files
//
// A PETRARCH dictionary directory holds a verb file (CAMEO.2.0.txt), actor
// files, an agent file, a discard file and an issue file; PETR_config.ini
// names them ([Dictionaries] verbfile_name, actorfile_list, agentfile_name,
// discardfile_name, issuefile_name). Load reads the files the config names,
// or, without a config, the files whose names contain "verbs", "actors",
// "agents", "discards" and "issue". Comments are '#' (outside [...]), the
// legacy ';', and <!-- ... -->, which may span lines.
//
// # Verbs
//
// Synonym sets ("&CURRENCY" followed by "+DOLLAR" lines; a trailing '_' on the
// label or a member stops plural forms) are expanded where used. A block
// starts with "--- NAME [CODE] ---" and lists verbs ("SAY {SAYS SAID
// SAYING}", "CLARIFY [040]", "+BREAK_DOWN", "WIRE_+TAP") followed by
// patterns, "- WORDS * WORDS [CODE]", '*' standing for the verb. A pattern
// becomes a dict.Pattern whose first slot is the lemma of every verb of the
// block and whose later slots are the words after '*' in order (on the
// right, dyad's verbs.txt notation):
//
//	pattern                        becomes
//	"- * (TO BORDER) [154]"        154  rush|race|… to border
//	"- *_OUT [074]"                074  acknowledge_out
//	"- * &CURRENCY [903]"          903  contribute dollar|dollars|euro|…  (and one pattern per multi-word member)
//	"- * {RELIEF ASSISTANCE} [073]" 073  rush relief assistance
//
// Prepositional phrases "(…)" and noun phrases "{…}" lose their structure and
// become words in order (dyad allows gaps); the source and target markers
// '$' and '+' and the compound marker '%' are dropped, since dyad takes the
// subject as source and the first actor after the verb as target (reported
// as approximated); '^' (skip a phrase) is a gap. A code "[032:033]" keeps
// 032 and reports the reverse event 033 as lost; "[:110]" (reverse only) is
// skipped; "[---]" becomes a pattern with code "---" that matches and codes
// nothing, so that it still overrides shorter patterns. Patterns with words
// before '*' cannot be expressed (dyad's patterns start at the verb) and are
// skipped. Verbs named in a "~ a (a b Q) VERB = a b Q" transformation, every
// verb sharing its code, and every verb whose lemma is one of dyad's own
// verbs of saying (Options.SayVerbs) become dyad's SAY verbs: the reported
// clause is coded, not the verb; other transformations are skipped, as dyad
// applies its own rules there. Irregular forms in {…} are added to the lemma
// table. An inflected form listed as a verb of its own ("LEFT" beside
// "LEAVE", "SAID") is kept out of the lemma table so that it matches as
// written, as in PETRARCH; a regular inflection of another entry
// ("CALLED_ON" beside "CALL") is headed by that entry's verb, since dyad
// matches verbs by lemma.
//
// # Actors
//
// An entry is a phrase with an optional code, "+synonym" lines and date
// restrictions on their own lines:
//
//	GOLLUM
//	+SMEAGOL
//		[HOB < 950601]
//		[HOBGOV 19950601 - 19990815]
//		[HOBREB > 990816]
//
// Dates are YYYYMMDD or YYMMDD (YY ≤ 30 is 20YY), limits inclusive. An entry
// whose only code is an undated three-letter code ("ARNOR_ [ARN]") becomes a
// dict.Country (so that agents combine with it: "Arnor's army" → ARNMIL),
// with demonym-like single words ("ERIADORIAN") as adjectives; every other
// entry becomes a dict.Actor with dated codes. "[---]" gives a mention with
// no code. Names are upper case in PETRARCH and dyad matches names
// case-sensitively, so each phrase is entered in the capitalisations news
// text uses: "UNITED_NATIONS" → "United Nations", "UNITED NATIONS";
// "GROUP OF 77" → "Group of 77"; "THE_AU" → "The AU", "the AU".
//
// # Agents, discards, issues
//
// "PHRASE {PLURAL} [~CODE]" becomes a dict.Agent with the lower-case phrase
// and sector CODE (a "[CODE~]" prefix code is placed after the country,
// reported as approximated); substitution markers ("!PERSON! = MAN, MEN")
// are expanded. Discard lines become dict.Discards ('+' marks a whole
// story). Issues ("n:genocide [ID_ATROCITY]") are read into Set.Issues with
// their word forms expanded; dyad's coder does not code issues.
package petrarch
