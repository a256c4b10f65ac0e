package data_test

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/regulars/regulars/data"
)

var october = data.Period{From: data.Date{Year: 2026, Month: 10, Day: 1}, To: data.Date{Year: 2026, Month: 10, Day: 31}}

// claim calls ClaimSend for October and fails the test on an error.
func claim(t *testing.T, s *data.Store, by string, backoff bool) data.Claim {
	t.Helper()
	c, err := s.ClaimSend(context.Background(), data.SendMonthlyReport, october, by, backoff)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The claim's life: claimed once; busy while sending; taken over when
// stale; failed attempts wait for their backoff (with backoff) or not
// (a scheduler's run); once sent, never again.
func TestClaimSend(t *testing.T) {
	s := openFile(t, filepath.Join(t.TempDir(), "regulars.db"))
	now := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	ctx := context.Background()

	first := claim(t, s, "window", true)
	if first.Outcome != data.Claimed || first.By != "window" {
		t.Fatalf("first claim: %+v", first)
	}
	if c := claim(t, s, "scheduler", false); c.Outcome != data.InProgress || c.By != "window" {
		t.Fatalf("second claim while the first sends: %+v", c)
	}
	now = now.Add(data.StaleClaim + time.Second)
	retaken := claim(t, s, "scheduler", false)
	if retaken.Outcome != data.Claimed || retaken.By != "scheduler" {
		t.Fatalf("claim of a stale one: %+v", retaken)
	}
	if err := s.FinishSend(ctx, first, true); err == nil {
		t.Fatal("the stale claimer finished a claim that was taken over")
	}
	if err := s.FinishSend(ctx, retaken, false); err != nil {
		t.Fatal(err)
	}
	if c := claim(t, s, "window", true); c.Outcome != data.NotYet || !c.NextTry.Equal(now.Add(data.RetryAfter(1)).Truncate(time.Second)) {
		t.Fatalf("with backoff right after a failure: %+v", c)
	}
	again := claim(t, s, "scheduler", false)
	if again.Outcome != data.Claimed || again.Attempts != 1 {
		t.Fatalf("without backoff after a failure: %+v", again)
	}
	if err := s.FinishSend(ctx, again, true); err != nil {
		t.Fatal(err)
	}
	now = now.Add(48 * time.Hour)
	if c := claim(t, s, "window", true); c.Outcome != data.AlreadySent || c.SentAt.IsZero() {
		t.Fatalf("after the send: %+v", c)
	}
}

// A report emailed by hand for exactly that period counts as sent.
func TestClaimSendAfterAManualSend(t *testing.T) {
	s := openFile(t, filepath.Join(t.TempDir(), "regulars.db"))
	err := s.LogEmail(context.Background(), &data.EmailLogEntry{Recipient: "tax@example.com", Subject: "by hand",
		PeriodFrom: october.From, PeriodTo: october.To, Status: data.EmailSent})
	if err != nil {
		t.Fatal(err)
	}
	if c := claim(t, s, "window", true); c.Outcome != data.AlreadySent {
		t.Fatalf("claim after a manual send: %+v", c)
	}
}

func TestRetryAfter(t *testing.T) {
	var got []time.Duration
	for n := 1; n <= 7; n++ {
		got = append(got, data.RetryAfter(n))
	}
	want := []time.Duration{15 * time.Minute, 30 * time.Minute, time.Hour, 2 * time.Hour, 4 * time.Hour, 6 * time.Hour, 6 * time.Hour}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("RetryAfter(1..7) = %v, want %v", got, want)
	}
}

// The window's store and a command's store beside it (OpenShared while
// the window holds the lock), claiming at once from many goroutines:
// exactly one claim wins.
func TestClaimSendRace(t *testing.T) {
	path := filepath.Join(t.TempDir(), "regulars.db")
	win := openFile(t, path)
	beside, err := data.OpenShared(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer beside.Close()
	var mu sync.Mutex
	var wg sync.WaitGroup
	won := 0
	for i := range 16 {
		s := win
		if i%2 == 1 {
			s = beside
		}
		wg.Go(func() {
			c, err := s.ClaimSend(context.Background(), data.SendMonthlyReport, october, "racer", false)
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			defer mu.Unlock()
			if c.Outcome == data.Claimed {
				won++
			}
		})
	}
	wg.Wait()
	if won != 1 {
		t.Fatalf("%d claims won, want 1", won)
	}
}

// Beside a window, a file that still needs a migration is refused (the
// command cannot upgrade it while the window has it) with an error naming
// the window; once the window is gone the command upgrades it.
func TestOpenSharedNeedsNoUpgrade(t *testing.T) {
	path := filepath.Join(t.TempDir(), "regulars.db")
	s, err := data.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`DROP TABLE scheduled_sends; DELETE FROM schema_migrations WHERE version = 7`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	lock, err := data.Lock(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = data.OpenShared(context.Background(), path)
	var up *data.UpgradeError
	if !errors.Is(err, data.ErrLocked) || !errors.As(err, &up) || !reflect.DeepEqual(up.Pending, []int{7}) {
		t.Fatalf("OpenShared of an old file beside the window: %v", err)
	}
	lock.Unlock()
	s, err = data.OpenShared(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, err := s.SchemaVersion(context.Background()); err != nil || v < 7 {
		t.Fatalf("schema after OpenShared alone: %d, %v", v, err)
	}
}
