package prosenlp

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
)

// model is prose's weights as read: feature i is names[i], with its
// non-zero weights for known classes in w[off[i]:off[i+1]].
type model struct {
	names []string
	off   []uint32
	w     []weight
}

// fromMaps reorganises the weights as encoding/gob decodes them.
func fromMaps(classes []string, wts map[string]map[string]float64) *model {
	class := classIndex(classes)
	m := &model{off: []uint32{0}}
	for f, ws := range wts {
		for c, w := range ws {
			if ci, ok := class[c]; ok && w != 0 {
				m.w = append(m.w, weight{ci, float32(w)})
			}
		}
		m.names = append(m.names, f)
		m.off = append(m.off, uint32(len(m.w)))
	}
	return m
}

func classIndex(classes []string) map[string]uint8 {
	class := make(map[string]uint8, len(classes))
	for ci, c := range classes {
		class[c] = uint8(ci)
	}
	return class
}

// readWeights reads prose's weights.gob, a gob stream holding one
// map[string]map[string]float64, without encoding/gob's reflection and the
// 75,000 maps it would build (a third of the tagger's start-up). The
// stream is a sequence of messages, each a byte count, a type id and a
// value; messages with a negative type id define types and are skipped.
// The one value message holds a zero byte (a top-level value that is not a
// struct), the map's length, then each feature name (a length and bytes)
// with its inner map: a length, then pairs of class name and float (a
// float64's bits byte-reversed, sent as an unsigned integer). Any other
// shape is an error, and Load then falls back to encoding/gob.
func readWeights(b []byte, classes []string) (*model, error) {
	class := classIndex(classes)
	r := &gobReader{b: b}
	for r.err == nil && r.i < len(b) {
		n := r.uint()
		start := r.i
		if r.err == nil && n > uint64(len(b)-start) {
			return nil, errors.New("gob: message runs past the stream")
		}
		end := start + int(n)
		r.b = b[:end] // read no further than the message
		id := r.int()
		if r.err != nil {
			break
		}
		if id < 0 {
			r.i, r.b = end, b // a type definition
			continue
		}
		if r.uint() != 0 {
			return nil, errors.New("gob: value is not a top-level map")
		}
		// one string holds every feature name, so the names cost one
		// allocation rather than 75,000
		text := string(b[r.i:end])
		base := r.i
		nf := r.uint()
		if nf > uint64(end-r.i) {
			return nil, errors.New("gob: map length past the message")
		}
		m := &model{names: make([]string, 0, nf), off: make([]uint32, 1, nf+1), w: make([]weight, 0, 4*nf)}
		for range nf {
			if r.err != nil {
				break
			}
			name := r.bytes()
			if r.err != nil {
				break
			}
			off := r.i - len(name) - base
			m.names = append(m.names, text[off:off+len(name)])
			nc := r.uint()
			if nc > uint64(len(r.b)-r.i) {
				r.err = errors.New("gob: inner map length past the message")
			}
			for range nc {
				if r.err != nil {
					break
				}
				c := r.bytes()
				w := math.Float64frombits(bits.ReverseBytes64(r.uint()))
				if ci, ok := class[string(c)]; ok && w != 0 && r.err == nil {
					m.w = append(m.w, weight{ci, float32(w)})
				}
			}
			m.off = append(m.off, uint32(len(m.w)))
		}
		if r.err == nil && r.i != end {
			r.err = fmt.Errorf("gob: %d bytes left in the value", end-r.i)
		}
		if r.err != nil {
			return nil, r.err
		}
		return m, nil
	}
	if r.err == nil {
		r.err = errors.New("gob: no value in the stream")
	}
	return nil, r.err
}

// gobReader reads gob's integers and byte strings from b; the first error
// sticks.
type gobReader struct {
	b   []byte
	i   int
	err error
}

// uint reads an unsigned integer: one byte below 0x80, else a byte holding
// the negated count of big-endian bytes that follow.
func (r *gobReader) uint() uint64 {
	if r.err != nil {
		return 0
	}
	if r.i >= len(r.b) {
		r.err = errors.New("gob: stream ends in an integer")
		return 0
	}
	c := r.b[r.i]
	r.i++
	if c < 0x80 {
		return uint64(c)
	}
	n := 256 - int(c) // the byte is -n
	if n > 8 || r.i+n > len(r.b) {
		r.err = errors.New("gob: bad integer")
		return 0
	}
	var u uint64
	for _, x := range r.b[r.i : r.i+n] {
		u = u<<8 | uint64(x)
	}
	r.i += n
	return u
}

// int reads a signed integer: an unsigned one whose low bit is the sign.
func (r *gobReader) int() int64 {
	u := r.uint()
	if u&1 != 0 {
		return ^int64(u >> 1)
	}
	return int64(u >> 1)
}

// bytes reads a length and that many bytes.
func (r *gobReader) bytes() []byte {
	n := r.uint()
	if r.err != nil {
		return nil
	}
	if n > uint64(len(r.b)-r.i) {
		r.err = errors.New("gob: string runs past the stream")
		return nil
	}
	b := r.b[r.i : r.i+int(n)]
	r.i += int(n)
	return b
}
