package segment_test

import (
	"fmt"

	"dyad/doc"
	"dyad/segment"
)

func Example() {
	d := &doc.Doc{Text: "Putin met Erdogan in Tehran. “We agree,” he said."}
	segment.Segmenter{}.Process(d)
	for _, s := range d.Sentences {
		fmt.Print("[")
		for i := s.First; i < s.Last; i++ {
			if i > s.First {
				fmt.Print(" ")
			}
			fmt.Print(d.TokenText(i))
		}
		fmt.Println("]")
	}
	// Output:
	// [Putin met Erdogan in Tehran .]
	// [“ We agree , ” he said .]
}
