package data_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
)

func TestEmailLog(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	if got, err := s.EmailLog(ctx, 0); err != nil || len(got) != 0 {
		t.Fatalf("empty log = %v, %v", got, err)
	}
	oct := data.EmailLogEntry{
		SentAt: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC), Recipient: "tax@example.com",
		Subject: "Loyalty report October 2026 — Bäckerei", Attachment: "loyalty-report-2026-10.xlsx",
		AttachmentBytes: 12345, PeriodFrom: data.Date{Year: 2026, Month: 10, Day: 1},
		PeriodTo: data.Date{Year: 2026, Month: 10, Day: 31}, Status: data.EmailSent,
	}
	failed := data.EmailLogEntry{
		SentAt: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC), Recipient: "tax@example.com",
		Subject: "Loyalty report November 2026", Status: data.EmailFailed, Error: "wrong password",
	}
	for _, e := range []*data.EmailLogEntry{&oct, &failed} {
		if err := s.LogEmail(ctx, e); err != nil {
			t.Fatal(err)
		}
		if e.ID == 0 {
			t.Fatal("LogEmail did not set the ID")
		}
	}
	got, err := s.EmailLog(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != failed.ID || got[1].ID != oct.ID {
		t.Fatalf("log order = %+v, want newest first", got)
	}
	g := got[1]
	if !g.SentAt.Equal(oct.SentAt) || g.Subject != oct.Subject || g.PeriodFrom != oct.PeriodFrom ||
		g.PeriodTo != oct.PeriodTo || g.AttachmentBytes != 12345 || g.Status != data.EmailSent {
		t.Errorf("read back %+v, want %+v", g, oct)
	}
	if got[0].Error != "wrong password" || got[0].PeriodFrom != (data.Date{}) {
		t.Errorf("failed entry read back as %+v", got[0])
	}
	if one, _ := s.EmailLog(ctx, 1); len(one) != 1 {
		t.Errorf("limit 1 gave %d rows", len(one))
	}
}

func TestEmailLogRejects(t *testing.T) {
	s := datatest.NewStore(t)
	tests := []struct {
		name  string
		entry data.EmailLogEntry
		field string
	}{
		{"no recipient", data.EmailLogEntry{Status: data.EmailSent}, "recipient"},
		{"unknown status", data.EmailLogEntry{Recipient: "a@b.c", Status: "maybe"}, "status"},
		{"bad subject", data.EmailLogEntry{Recipient: "a@b.c", Status: data.EmailSent, Subject: "\xff"}, "subject"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.LogEmail(context.Background(), &tt.entry)
			var ve *data.ValidationError
			if !errors.As(err, &ve) || ve.Field != tt.field {
				t.Fatalf("err = %v, want a validation error on %q", err, tt.field)
			}
		})
	}
}
