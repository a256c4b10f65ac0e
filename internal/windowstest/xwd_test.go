package windowstest

import (
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"math/bits"
	"os"
)

// readXWD decodes the X Window Dump Xvfb keeps its screen in (-fbdir):
// a big-endian header, a colour map, then the pixels, 24 or 32 bits
// each, in the byte order the header gives.
func readXWD(path string) (*image.RGBA, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(b) < 100 {
		return nil, fmt.Errorf("%s: too short for an XWD file", path)
	}
	h := func(i int) uint32 { return binary.BigEndian.Uint32(b[4*i:]) }
	headerSize, version, width, height := h(0), h(1), int(h(4)), int(h(5))
	byteOrder, bpp, stride := h(7), int(h(11)), int(h(12))
	masks := [3]uint32{h(14), h(15), h(16)}
	start := int(headerSize) + 12*int(h(19))
	if version != 7 || (bpp != 32 && bpp != 24) || start+stride*height > len(b) {
		return nil, fmt.Errorf("%s: an XWD file this reader does not know (version %d, %d bits a pixel)", path, version, bpp)
	}
	img := image.NewRGBA(image.Rect(0, 0, width, height))
	for y := 0; y < height; y++ {
		row := b[start+y*stride:]
		for x := 0; x < width; x++ {
			var p uint32
			for i := 0; i < bpp/8; i++ {
				v := uint32(row[x*bpp/8+i])
				if byteOrder == 0 { // least significant byte first
					p |= v << (8 * i)
				} else {
					p = p<<8 | v
				}
			}
			img.Set(x, y, color.RGBA{channel(p, masks[0]), channel(p, masks[1]), channel(p, masks[2]), 255})
		}
	}
	return img, nil
}

// channel takes the 8 bits of p under mask.
func channel(p, mask uint32) uint8 {
	if mask == 0 {
		return 0
	}
	v := (p & mask) >> bits.TrailingZeros32(mask)
	if n := bits.OnesCount32(mask); n < 8 {
		return uint8(v << (8 - n))
	} else {
		return uint8(v >> (n - 8))
	}
}
