package smtptest

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"testing"
)

// Parsed is a message read the way a mail program reads it.
type Parsed struct {
	Subject        string
	Body           string // the text/plain part
	AttachmentName string
	Attachment     []byte // decoded
}

// Parse reads raw with net/mail and mime/multipart, decoding the subject
// and base64 parts.
func Parse(tb testing.TB, raw []byte) Parsed {
	tb.Helper()
	var p Parsed
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		tb.Fatalf("read message: %v", err)
	}
	if p.Subject, err = new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject")); err != nil {
		tb.Fatal(err)
	}
	mt, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil {
		tb.Fatalf("content type %q: %v", m.Header.Get("Content-Type"), err)
	}
	if !strings.HasPrefix(mt, "multipart/") { // a plain message without attachment
		p.Body = string(decode(tb, m.Header.Get("Content-Transfer-Encoding"), m.Body))
		return p
	}
	mr := multipart.NewReader(m.Body, params["boundary"])
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			tb.Fatal(err)
		}
		content := decode(tb, part.Header.Get("Content-Transfer-Encoding"), part)
		if fn := part.FileName(); fn != "" {
			p.AttachmentName, p.Attachment = fn, content
		} else if strings.HasPrefix(part.Header.Get("Content-Type"), "text/plain") {
			p.Body = string(content)
		}
	}
	return p
}

// decode reads r and undoes its transfer encoding (base64 or
// quoted-printable; 7bit and 8bit need nothing).
func decode(tb testing.TB, encoding string, r io.Reader) []byte {
	tb.Helper()
	if strings.EqualFold(encoding, "quoted-printable") {
		r = quotedprintable.NewReader(r)
	}
	content, err := io.ReadAll(r)
	if err != nil {
		tb.Fatal(err)
	}
	if strings.EqualFold(encoding, "base64") {
		if content, err = base64.StdEncoding.DecodeString(strings.Join(strings.Fields(string(content)), "")); err != nil {
			tb.Fatal(err)
		}
	}
	return content
}
