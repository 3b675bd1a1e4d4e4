package petrarch_test

import (
	"fmt"

	"dyad/dict/petrarch"
)

func ExampleParseVerbs() {
	src := `&CURRENCY
+DOLLAR
+SWISS_FRANC

--- GRANT [070] ---
GRANT
GIVE {GAVE GIVEN GIVING}
- * &CURRENCY [071]
- * (TO BORDER) $ [072]
- NOT * AID [112]
`
	set, err := petrarch.ParseVerbs("verbs.txt", src, &petrarch.Options{Lemmas: map[string]string{}})
	if err != nil {
		fmt.Println(err)
	}
	for _, p := range set.Dict.Verbs {
		fmt.Printf("%s:%d %s\n", p.File, p.Line, render(p))
	}
	for _, n := range set.Report.Notes {
		fmt.Println(n)
	}
	fmt.Println("gave →", set.Dict.Lemmas["gave"])
	// Output:
	// verbs.txt:8 071 grant|give dollar|dollars
	// verbs.txt:8 071 grant|give swiss_franc|francs
	// verbs.txt:9 072 grant|give to border
	// verbs.txt:6 070 grant|give
	// verbs.txt:9: approximated: source/target markers ignored: dyad takes the subject as source and the first actor after the verb as target: - * (TO BORDER) $ [072]
	// verbs.txt:10: skipped: words before the verb (dyad's patterns start at the verb): - NOT * AID [112]
	// gave → give
}

func ExampleParseActors() {
	src := `GOLLUM
+SMEAGOL
	[HOB < 950601]
	[HOBGOV 19950601 - 19990815]
	[HOBREB > 990816]
GONDOR [GON]
+MINAS_TIRITH
`
	set, _ := petrarch.ParseActors("actors.txt", src, nil)
	for _, a := range set.Dict.Actors {
		fmt.Println(a.Name, a.Aliases)
		for _, c := range a.Codes {
			fmt.Println(" ", c.Code, c.Range())
		}
	}
	for _, c := range set.Dict.Countries {
		fmt.Println(c.Code, c.Names)
	}
	// Output:
	// Gollum [Smeagol]
	//   HOB ..1995-06-02
	//   HOBGOV 1995-06-01..1999-08-16
	//   HOBREB 1999-08-16..
	// GON [Gondor Minas Tirith Minas tirith]
}
