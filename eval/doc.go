// Package eval scores dyad's JSON Lines output (see "Output contract" in
// DESIGN.md) against the project's gold sets. It reads output with
// [ReadOutput] and has one scorer per gold format; every scorer returns a
// report that prints a compact human summary with WriteText (figures first,
// then every miss) and marshals to JSON.
//
// # Seed article ([Seed])
//
// The gold is eval/seed/gold.json. The figures are exactly those of the
// reference scorer eval/score.py ("seed" mode), and WriteText begins with the
// two lines score.py prints:
//
//   - A gold event is matched by an emitted event when its sentence_has text
//     is a substring of the event's evidence.text, the event's CAMEO root
//     (cameo_root, or the first two characters of cameo when cameo_root is
//     empty) is one of the gold roots, and some gold (source, target) pair
//     matches the event's source and target under the code rules below.
//   - required: required gold events matched by some emitted event.
//   - precision: emitted events (in all documents) that match any gold event,
//     required or optional, over all emitted events; 0 when none was emitted.
//   - must_not: distinct must_not ids hit by an event whose evidence text
//     contains the entry's sentence_has and whose root is one of its roots.
//   - located: required gold events with a location that some matching event
//     places within within_km (great-circle, R = 6371 km) of the gold point.
//   - quotes: gold quotes for which some emitted quote, with surrounding
//     whitespace and then " “ ” stripped, starts with starts_with and has a
//     speaker matching speaker_code.
//   - places: gold places with some emitted place within within_km.
//
// Code rules (score.py's code_match): gold "---" matches a null actor or one
// with an empty code. Otherwise the emitted actor must be present; its code,
// country and sectors are compared upper-cased. A 3-letter sector-like gold
// code (NGO IGO IMG EDU REB GOV MIL) matches a code that starts with or
// contains it, or an actor with that sector; any other 3-letter gold code
// matches a code with that prefix or that country. A longer gold code
// ("SYRREB") matches a code with that prefix, or country = its first three
// letters with letters 4–6 among the sectors. An empty actor object is
// treated like null.
//
// The pass flags are score.py's exit conditions: events (required ≥ 80 %,
// precision ≥ 0.6, no must_not hit), quotes (all quotes and E21 found),
// places (all places and all locations) and recall (required ≥ 60 %, no
// must_not hit).
//
// # PLOVER gold records ([Plover])
//
// The gold is a JSON array of PLOVER records (eval/plover/plover-gsr-dev.json);
// the output document whose doc_id equals a record's id is its coding. The
// figures are exactly those of score.py's "plover" mode: a record is an
// event+dyad hit when some event of its document has a source code whose
// first three letters equal those of one of the record's source actors, a
// target likewise (any target when the record lists no target actor), and a
// root in the record's PLOVER type's roots (AGREE 03/05/06, CONSULT 04,
// SUPPORT 05, COOPERATE 06, AID 07, CONCEDE and RETREAT 08, INVESTIGATE 09,
// DEMAND 10, DISAPPROVE 11, REJECT 12, THREATEN 13, PROTEST 14, MOBILIZE 15,
// SANCTION 16, COERCE 17, ASSAULT and FIGHT 18/19/20); a dyad hit when the
// actors alone match. Precision is the number of such correct events over
// all events in the scored documents. The report adds the same figures per
// record event type and lists every record that is not an event+dyad hit
// with what dyad produced for it.
//
// # PETRARCH validation XML ([PetrXML])
//
// The gold is a PETRARCH-2 validation file such as PETR2_GSR_validation.xml,
// read by [ReadPetrGold]. Each gold <EventCoding> is matched against the
// events of the output document whose doc_id is the sentence id. Actor
// codes compare on their first three letters: the emitted code's first
// three letters or its country must equal the gold prefix; an empty gold
// target matches any target; the prefix "---" (unknown country) matches a
// null actor, a code starting with "---", or an actor with no country whose
// code does not start with IGO, NGO or IMG. Per coding the report counts
//
//   - event+dyad: an event with matching source, target and 2-digit root;
//   - dyad: an event with matching source and target;
//   - root: an event with the same root, whatever its actors;
//   - exact: an event with matching source and target and the same cameo.
//
// Precision is the share of events emitted for the scored sentences that are
// an event+dyad match for some coding of their sentence; every event emitted
// for a noevents="True" sentence is a false positive. The figures are also
// given per sentence category, and every missed coding and every false
// positive is listed.
package eval
