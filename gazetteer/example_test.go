package gazetteer_test

import (
	"fmt"

	"dyad/gazetteer"
)

func Example() {
	g, err := gazetteer.Embedded()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range g.Lookup("Tripoli")[:3] {
		fmt.Printf("%v pop %d at %.2f, %.2f\n", e, e.Population, e.Lat, e.Lon)
	}
	idleb := g.Lookup("IDLEB") // an alternate spelling, any case
	fmt.Println(idleb[0], idleb[0].ADM1(), idleb[0].GeoType())
	fmt.Println(gazetteer.Key("Dar‘ā"), len(g.Lookup("Daraa")) > 0)
	// Output:
	// Tripoli (region, LY.77, LBY) pop 1250989 at 32.61, 13.51
	// Tripoli (city, LY.77, LBY) pop 1150989 at 32.89, 13.19
	// Tripoli (city, LB.09, LBN) pop 229398 at 34.43, 35.84
	// Idlib (region, SY.12, SYR) SY12 5
	// dara true
}
