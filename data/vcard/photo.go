package vcard

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"net/url"
	"strings"

	"golang.org/x/image/draw"
)

// ThumbSize is the longest side of a photo thumbnail in pixels.
const ThumbSize = 128

// Limits against photos that would take too long or too much memory.
const (
	maxPhotoInput  = 16 << 20 // bytes of an encoded photo
	maxPhotoPixels = 40e6     // pixels of a decoded photo
)

// photoOf returns the thumbnail of a PHOTO property, or nil when it has
// no inline image or the image is broken. A photo that cannot be used is
// dropped silently: it never costs the card.
func photoOf(c *card, p *prop, maxBytes int) (thumb []byte) {
	defer func() {
		if recover() != nil { // an image decoder choking on a crafted file
			thumb = nil
		}
	}()
	raw := p.data
	if raw == nil {
		raw = dataURI(c.text(p))
	} else {
		p.data = stripSpace(p.data) // the card's own copy; stripped again, it stays the same
		raw = p.data
	}
	if len(raw) == 0 || len(raw) > maxPhotoInput*4/3 {
		return nil
	}
	img := decodeBase64(raw)
	if img == nil {
		return nil
	}
	return Thumbnail(img, maxBytes)
}

// dataURI returns the base64 text of a "data:image/jpeg;base64,…" URI, or
// nil for any other value (vCard 3.0 may also give PHOTO as an http URL,
// which is not fetched).
func dataURI(v string) []byte {
	rest, ok := strings.CutPrefix(v, "data:")
	if !ok {
		return nil
	}
	meta, payload, ok := strings.Cut(rest, ",")
	if !ok {
		return nil
	}
	if !strings.HasSuffix(strings.ToLower(meta), ";base64") {
		if s, err := url.PathUnescape(payload); err == nil {
			return []byte(base64.StdEncoding.EncodeToString([]byte(s)))
		}
		return nil
	}
	return stripSpace([]byte(payload))
}

// decodeBase64 decodes base64 leniently: padding may be missing or
// doubled, URL-safe characters are accepted, stray characters fail. The
// input holds no white space: a PHOTO value and a data: URI are stripped
// of it when read.
func decodeBase64(b []byte) []byte {
	b = bytes.TrimRight(b, "=")
	out := make([]byte, base64.RawStdEncoding.DecodedLen(len(b)))
	n, err := base64.RawStdEncoding.Decode(out, b)
	if err != nil {
		n, err = base64.RawURLEncoding.Decode(out, b)
		if err != nil {
			return nil
		}
	}
	return out[:n]
}

// Thumbnail turns an encoded JPEG, PNG or GIF into a JPEG of at most
// ThumbSize pixels on the long side and at most maxBytes bytes. A complete
// JPEG that already fits is returned as it is, without decoding its pixels
// (its header is checked). It returns nil for anything it cannot decode.
func Thumbnail(img []byte, maxBytes int) []byte {
	cfg, format, err := imageConfig(img)
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 || float64(cfg.Width)*float64(cfg.Height) > maxPhotoPixels {
		return nil
	}
	if format == "jpeg" && cfg.Width <= ThumbSize && cfg.Height <= ThumbSize && len(img) <= maxBytes && endsJPEG(img) {
		return img // small enough already: no need to decode the pixels
	}
	src, err := decodeImage(img, format)
	if err != nil {
		return nil
	}
	b := src.Bounds()
	if format == "jpeg" && b.Dx() <= ThumbSize && b.Dy() <= ThumbSize && len(img) <= maxBytes {
		return img
	}
	dst := scaleDown(src)
	for _, q := range []int{85, 70, 55, 40} {
		var out bytes.Buffer
		if err := jpeg.Encode(&out, dst, &jpeg.Options{Quality: q}); err != nil {
			return nil
		}
		if out.Len() <= maxBytes {
			return out.Bytes()
		}
	}
	return nil
}

// endsJPEG reports whether a JPEG ends with its end-of-image marker, so a
// photo cut off in the middle (the usual way one breaks) is still decoded,
// and dropped, rather than kept unread.
func endsJPEG(b []byte) bool {
	return len(b) >= 4 && b[len(b)-2] == 0xFF && b[len(b)-1] == 0xD9
}

// imageConfig reads the format and size of an encoded image from its
// headers; JPEG headers without a decoder (see jpegSize).
func imageConfig(img []byte) (image.Config, string, error) {
	if w, h, ok := jpegSize(img); ok {
		return image.Config{Width: w, Height: h}, "jpeg", nil
	}
	return image.DecodeConfig(&peeker{b: img})
}

// peeker reads a byte slice and lets image.DecodeConfig peek at it, so
// that it does not wrap it in a fresh bufio.Reader for every photo.
type peeker struct {
	b []byte
}

func (p *peeker) Read(out []byte) (int, error) {
	if len(p.b) == 0 {
		return 0, io.EOF
	}
	n := copy(out, p.b)
	p.b = p.b[n:]
	return n, nil
}

func (p *peeker) Peek(n int) ([]byte, error) {
	if n > len(p.b) {
		return p.b, io.EOF
	}
	return p.b[:n], nil
}

func decodeImage(b []byte, format string) (img image.Image, err error) {
	r := bytes.NewReader(b)
	switch format {
	case "jpeg":
		return jpeg.Decode(r)
	case "png":
		return png.Decode(r)
	case "gif":
		return gif.Decode(r)
	}
	img, _, err = image.Decode(r)
	return img, err
}

// scaleDown draws src onto a white RGBA canvas (JPEG has no
// transparency) of at most ThumbSize pixels on the long side.
func scaleDown(src image.Image) *image.RGBA {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	if w > ThumbSize || h > ThumbSize {
		if w >= h {
			w, h = ThumbSize, max(1, h*ThumbSize/w)
		} else {
			w, h = max(1, w*ThumbSize/h), ThumbSize
		}
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(dst, dst.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	if w == b.Dx() && h == b.Dy() {
		draw.Draw(dst, dst.Bounds(), src, b.Min, draw.Over)
	} else {
		draw.BiLinear.Scale(dst, dst.Bounds(), src, b, draw.Over, nil)
	}
	return dst
}
