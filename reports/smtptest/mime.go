package smtptest

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
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
	if err != nil || !strings.HasPrefix(mt, "multipart/") {
		tb.Fatalf("content type %q, %v: want multipart", mt, err)
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
		content, err := io.ReadAll(part)
		if err != nil {
			tb.Fatal(err)
		}
		if strings.EqualFold(part.Header.Get("Content-Transfer-Encoding"), "base64") {
			if content, err = base64.StdEncoding.DecodeString(strings.Join(strings.Fields(string(content)), "")); err != nil {
				tb.Fatal(err)
			}
		}
		if fn := part.FileName(); fn != "" {
			p.AttachmentName, p.Attachment = fn, content
		} else if strings.HasPrefix(part.Header.Get("Content-Type"), "text/plain") {
			p.Body = string(content)
		}
	}
	return p
}
