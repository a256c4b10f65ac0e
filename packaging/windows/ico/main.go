// Command ico writes a Windows icon (.ico) from a square PNG, with the
// sizes Windows shows (16 to 256 pixels), each stored as PNG. make windows
// uses it for the installer's icon:
//
//	go run ./packaging/windows/ico -o build/Regulars.ico assets/icon.png
package main

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
)

var sizes = []int{16, 24, 32, 48, 64, 256}

func main() {
	out := flag.String("o", "icon.ico", "the .ico file to write")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: ico -o OUT.ico IN.png")
		os.Exit(2)
	}
	if err := convert(flag.Arg(0), *out); err != nil {
		fmt.Fprintln(os.Stderr, "ico:", err)
		os.Exit(1)
	}
}

func convert(in, out string) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	src, err := png.Decode(f)
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	var pngs [][]byte
	for _, n := range sizes {
		var b bytes.Buffer
		if err := png.Encode(&b, scale(src, n)); err != nil {
			return err
		}
		pngs = append(pngs, b.Bytes())
	}
	return os.WriteFile(out, encode(pngs), 0o644)
}

// encode lays out the ICO header, one directory entry per image, then
// the images.
func encode(pngs [][]byte) []byte {
	var b bytes.Buffer
	le := binary.LittleEndian
	binary.Write(&b, le, [3]uint16{0, 1, uint16(len(pngs))}) // reserved, type icon, count
	offset := 6 + 16*len(pngs)
	for i, p := range pngs {
		side := uint8(sizes[i] % 256) // 0 means 256
		binary.Write(&b, le, [4]uint8{side, side, 0, 0})
		binary.Write(&b, le, [2]uint16{1, 32}) // colour planes, bits per pixel
		binary.Write(&b, le, [2]uint32{uint32(len(p)), uint32(offset)})
		offset += len(p)
	}
	for _, p := range pngs {
		b.Write(p)
	}
	return b.Bytes()
}

// scale shrinks src to n×n pixels, each the average of the source pixels
// it covers (alpha-weighted, so transparent edges do not darken).
func scale(src image.Image, n int) image.Image {
	r := src.Bounds()
	dst := image.NewNRGBA(image.Rect(0, 0, n, n))
	for y := 0; y < n; y++ {
		y0, y1 := r.Min.Y+y*r.Dy()/n, r.Min.Y+(y+1)*r.Dy()/n
		for x := 0; x < n; x++ {
			x0, x1 := r.Min.X+x*r.Dx()/n, r.Min.X+(x+1)*r.Dx()/n
			dst.Set(x, y, average(src, image.Rect(x0, y0, max(x1, x0+1), max(y1, y0+1))))
		}
	}
	return dst
}

func average(src image.Image, box image.Rectangle) color.Color {
	var r, g, b, a, count uint64
	for y := box.Min.Y; y < box.Max.Y; y++ {
		for x := box.Min.X; x < box.Max.X; x++ {
			pr, pg, pb, pa := src.At(x, y).RGBA() // premultiplied
			r, g, b, a, count = r+uint64(pr), g+uint64(pg), b+uint64(pb), a+uint64(pa), count+1
		}
	}
	return color.RGBA64{uint16(r / count), uint16(g / count), uint16(b / count), uint16(a / count)}
}
