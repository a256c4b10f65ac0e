package vcard

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"mime/quotedprintable"
	"strings"
	"sync"
	"testing"

	govcard "github.com/emersion/go-vcard"
)

var (
	benchOnce sync.Once
	benchFile []byte
)

// benchPhoto is a small noisy JPEG of about 2 KB, as phones attach.
func benchPhoto() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 48, 48))
	seed := uint32(7)
	for i := 0; i < len(img.Pix); i += 4 {
		seed = seed*1664525 + 1013904223
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = uint8(seed>>24), uint8(seed>>16), 120, 255
	}
	img.Set(0, 0, color.White)
	var b bytes.Buffer
	_ = jpeg.Encode(&b, img, &jpeg.Options{Quality: 50})
	return b.Bytes()
}

func qp(s string) string {
	var b strings.Builder
	w := quotedprintable.NewWriter(&b)
	_, _ = w.Write([]byte(s))
	_ = w.Close()
	return b.String()
}

// benchData is 10,000 Android-style vCard 2.1 cards: QP-encoded UTF-8
// names with accents, three phones, two emails and a ~2 KB JPEG photo.
func benchData() []byte {
	benchOnce.Do(func() {
		photo := base64.StdEncoding.EncodeToString(benchPhoto())
		var folded strings.Builder
		for i := 0; i < len(photo); i += 76 {
			folded.WriteString("\r\n  " + photo[i:min(i+76, len(photo))])
		}
		var b bytes.Buffer
		for i := 0; i < 10000; i++ {
			given, family := fmt.Sprintf("Zoë-Élodie %d", i), fmt.Sprintf("Müller-Żółć Ørsted %d", i)
			fmt.Fprintf(&b, "BEGIN:VCARD\r\nVERSION:2.1\r\n")
			fmt.Fprintf(&b, "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:%s;%s;;;\r\n", qp(family), qp(given))
			fmt.Fprintf(&b, "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:%s\r\n", qp(given+" "+family))
			fmt.Fprintf(&b, "TEL;CELL;PREF:+49 170 %07d\r\nTEL;HOME:030 %07d\r\nTEL;WORK;FAX:089 %07d\r\n", i, i, i)
			fmt.Fprintf(&b, "EMAIL;HOME:zoe%d@example.com\r\nEMAIL;WORK:zoe.mueller%d@firma.example\r\n", i, i)
			fmt.Fprintf(&b, "PHOTO;ENCODING=BASE64;JPEG:%s\r\n\r\nEND:VCARD\r\n", folded.String())
		}
		benchFile = b.Bytes()
	})
	return benchFile
}

func BenchmarkRead10k(b *testing.B) {
	in := benchData()
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		res, err := Read(bytes.NewReader(in), Options{Region: "DE"})
		if err != nil || len(res.Cards) != 10000 || len(res.Cards[9999].Customer.Photo) == 0 ||
			len(res.Cards[0].Customer.Phones) != 3 || len(res.Cards[0].Customer.Emails) != 2 {
			b.Fatalf("Read: %v", err)
		}
	}
}

// BenchmarkRead10kNoPhotos is BenchmarkRead10k with photos skipped
// (MaxPhotoBytes < 0): the cost of the text work alone.
func BenchmarkRead10kNoPhotos(b *testing.B) {
	in := benchData()
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		res, err := Read(bytes.NewReader(in), Options{Region: "DE", MaxPhotoBytes: -1})
		if err != nil || len(res.Cards) != 10000 {
			b.Fatalf("Read: %v", err)
		}
	}
}

// BenchmarkGoVcardFloor decodes the same bytes with go-vcard alone (no
// normalisation, no charset or QP decoding, no photos): the floor for
// reading this file at all.
func BenchmarkGoVcardFloor(b *testing.B) {
	in := benchData()
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		dec := govcard.NewDecoder(bytes.NewReader(in))
		n := 0
		for {
			_, err := dec.Decode()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 10000 {
			b.Fatalf("decoded %d cards", n)
		}
	}
}
