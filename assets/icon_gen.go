//go:build ignore

// icon_gen draws Regulars' app icon, a white shopping bag with a heart on
// a warm rounded tile, and writes it to assets/icon.png (512×512).
//
//	go run assets/icon_gen.go
//
// Shapes are signed distance functions, so edges are anti-aliased without
// supersampling: a pixel's coverage is 0.5 minus its distance to the edge.
package main

import (
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
)

const size = 512

type vec struct{ x, y float64 }

func (a vec) sub(b vec) vec       { return vec{a.x - b.x, a.y - b.y} }
func (a vec) scale(f float64) vec { return vec{a.x * f, a.y * f} }
func (a vec) length() float64     { return math.Hypot(a.x, a.y) }
func (a vec) dot(b vec) float64   { return a.x*b.x + a.y*b.y }

// roundedBox is the distance from p to a box centred at c with half sizes
// h and corner radius r (negative inside).
func roundedBox(p, c, h vec, r float64) float64 {
	q := vec{math.Abs(p.x-c.x) - h.x + r, math.Abs(p.y-c.y) - h.y + r}
	outside := vec{math.Max(q.x, 0), math.Max(q.y, 0)}.length()
	return outside + math.Min(math.Max(q.x, q.y), 0) - r
}

// heart is the distance to a heart whose tip is at the origin, one unit
// tall, pointing down in y-up coordinates (Inigo Quilez's heart SDF).
func heart(p vec) float64 {
	p.x = math.Abs(p.x)
	if p.y+p.x > 1 {
		return p.sub(vec{0.25, 0.75}).length() - math.Sqrt2/4
	}
	a := p.sub(vec{0, 1})
	b := p.sub(vec{1, 1}.scale(0.5 * math.Max(p.x+p.y, 0)))
	d := math.Sqrt(math.Min(a.dot(a), b.dot(b)))
	if p.x-p.y < 0 {
		return -d
	}
	return d
}

func coverage(d float64) float64 { return math.Max(0, math.Min(1, 0.5-d)) }

func smoothstep(e0, e1, x float64) float64 {
	t := math.Max(0, math.Min(1, (x-e0)/(e1-e0)))
	return t * t * (3 - 2*t)
}

type rgba struct{ r, g, b, a float64 } // premultiplied, 0..1

// over paints colour c with opacity a over dst.
func (dst rgba) over(c rgba, a float64) rgba {
	return rgba{c.r*a + dst.r*(1-a), c.g*a + dst.g*(1-a), c.b*a + dst.b*(1-a), a + dst.a*(1-a)}
}

func hex(v uint32) rgba {
	return rgba{float64(v>>16&0xff) / 255, float64(v>>8&0xff) / 255, float64(v&0xff) / 255, 1}
}

func lerp(a, b rgba, t float64) rgba {
	return rgba{a.r + (b.r-a.r)*t, a.g + (b.g-a.g)*t, a.b + (b.b-a.b)*t, 1}
}

var (
	tileTop    = hex(0xF08A5D) // warm apricot
	tileBottom = hex(0xD2504A) // terracotta
	bagColour  = hex(0xFFF9F2)
	handleCol  = hex(0xFFE9D6)
	heartTop   = hex(0xF26D5B)
	heartBot   = hex(0xC93C3C)
)

func pixel(x, y float64) rgba {
	p := vec{x + 0.5, y + 0.5}
	centre := vec{size / 2, size / 2}
	tile := roundedBox(p, centre, vec{236, 236}, 104)
	var out rgba
	// The tile, with a soft diagonal gradient.
	t := smoothstep(0, size, 0.8*p.y+0.2*p.x)
	out = out.over(lerp(tileTop, tileBottom, t), coverage(tile))
	inTile := coverage(tile)
	// The bag's handle: the top half of a ring.
	hc := vec{256, 196}
	ring := math.Abs(p.sub(hc).length()-62) - 11
	if p.y > hc.y+30 {
		ring = math.Max(ring, p.y-hc.y-30)
	}
	out = out.over(handleCol, coverage(ring)*inTile)
	// A soft shadow under the bag, then the bag.
	bagC, bagH := vec{256, 318}, vec{132, 116}
	shadow := roundedBox(p, bagC.sub(vec{0, -14}), bagH, 30)
	out = out.over(rgba{0.35, 0.08, 0.05, 1}, 0.28*smoothstep(26, -10, shadow)*inTile)
	out = out.over(bagColour, coverage(roundedBox(p, bagC, bagH, 30))*inTile)
	// Two little holes where the handle meets the bag.
	for _, hx := range []float64{194, 318} {
		hole := p.sub(vec{hx, 232}).length() - 9
		out = out.over(hex(0xE9B89A), coverage(hole)*inTile)
	}
	// The heart in the middle of the bag.
	const hs = 120.0
	q := vec{(p.x - 256) / hs, (372 - p.y) / hs}
	hd := heart(q) * hs
	out = out.over(lerp(heartTop, heartBot, smoothstep(260, 380, p.y)), coverage(hd)*inTile)
	return out
}

func main() {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			c := pixel(float64(x), float64(y))
			if c.a == 0 {
				continue
			}
			img.SetNRGBA(x, y, color.NRGBA{
				R: uint8(math.Round(255 * c.r / c.a)), G: uint8(math.Round(255 * c.g / c.a)),
				B: uint8(math.Round(255 * c.b / c.a)), A: uint8(math.Round(255 * c.a)),
			})
		}
	}
	f, err := os.Create("assets/icon.png")
	if err != nil {
		log.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
