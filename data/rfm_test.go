package data_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
)

func TestSegmentOf(t *testing.T) {
	for _, tc := range []struct {
		r, f, m int
		want    data.Segment
	}{
		{5, 5, 5, data.Champions},
		{4, 4, 3, data.Champions}, // FM (4+3)/2 rounds up to 4
		{5, 1, 5, data.NewSegment},
		{4, 1, 1, data.NewSegment},
		{3, 4, 4, data.Loyal},
		{5, 3, 3, data.Loyal},
		{3, 1, 1, data.Potential},
		{5, 2, 2, data.Potential},
		{1, 5, 5, data.CantLose},
		{2, 5, 5, data.AtRisk},
		{1, 3, 3, data.AtRisk},
		{2, 2, 1, data.Hibernating},
		{1, 1, 2, data.Lost},
	} {
		t.Run(fmt.Sprintf("R%d F%d M%d", tc.r, tc.f, tc.m), func(t *testing.T) {
			if got := data.SegmentOf(tc.r, tc.f, tc.m); got != tc.want {
				t.Errorf("SegmentOf = %s, want %s", got, tc.want)
			}
		})
	}
	seen := map[data.Segment]bool{}
	for r := 1; r <= 5; r++ {
		for f := 1; f <= 5; f++ {
			for m := 1; m <= 5; m++ {
				seg := data.SegmentOf(r, f, m)
				if !seg.Valid() {
					t.Fatalf("R%d F%d M%d maps to %q", r, f, m, seg)
				}
				seen[seg] = true
			}
		}
	}
	if len(seen) != len(data.Segments) {
		t.Errorf("segments reached: %v, want all %d", seen, len(data.Segments))
	}
}

// rfmFixture gives ten customers 1 to 10 purchases of 10.00 each; the
// customer with n purchases last bought n days before now, so recency,
// frequency and money all rise with n.
func rfmFixture(t *testing.T) (*data.Store, []int64, time.Time) {
	t.Helper()
	now := time.Date(2025, 6, 30, 12, 0, 0, 0, time.UTC)
	s, _ := loyStore(t, now)
	var ids []int64
	for n := 1; n <= 10; n++ {
		c := datatest.AddCustomer(t, s, fmt.Sprintf("Customer %02d", n))
		ids = append(ids, c.ID)
		last := now.AddDate(0, 0, -(11-n)*10)
		for k := range n {
			loyBuy(t, s, c.ID, last.AddDate(0, 0, -k), 1000)
		}
	}
	return s, ids, now
}

func TestRFMQuintiles(t *testing.T) {
	ctx := context.Background()
	s, ids, now := rfmFixture(t)
	// Customers the scores must leave out: archived, never bought, only a voided purchase.
	archived := datatest.AddCustomer(t, s, "Archived")
	loyBuy(t, s, archived.ID, now, 99999)
	if err := s.ArchiveCustomer(ctx, archived.ID, true); err != nil {
		t.Fatal(err)
	}
	datatest.AddCustomer(t, s, "Never bought")
	voided := datatest.AddCustomer(t, s, "Voided")
	p := loyBuy(t, s, voided.ID, now, 5000)
	if _, err := s.VoidPurchase(ctx, p.ID, "refund"); err != nil {
		t.Fatal(err)
	}
	scores, err := s.RFM(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(scores) != 10 {
		t.Fatalf("%d customers scored, want the 10 with purchases", len(scores))
	}
	for i, sc := range scores {
		want := 1 + i/2 // ten distinct values: two per fifth
		if sc.CustomerID != ids[i] || sc.R != want || sc.F != want || sc.M != want || sc.Purchases != int64(i+1) {
			t.Errorf("customer %d: %+v, want R=F=M=%d", i+1, sc, want)
		}
	}
	if scores[9].Segment != data.Champions || scores[0].Segment != data.Lost {
		t.Errorf("best is %s and worst is %s, want Champions and Lost", scores[9].Segment, scores[0].Segment)
	}

	// Equal values get equal scores: give everyone one more purchase of
	// the same size today, so recency ties at the top.
	for _, id := range ids {
		loyBuy(t, s, id, now, 1000)
	}
	scores, err = s.RFM(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range scores {
		if sc.R != 1 {
			t.Errorf("customer %d: R = %d with everyone's last purchase at the same moment, want 1", sc.CustomerID, sc.R)
		}
	}
}

func TestSegmentFilter(t *testing.T) {
	ctx := context.Background()
	s, ids, now := rfmFixture(t)
	refreshed, err := s.RefreshSegments(ctx)
	if err != nil || !refreshed {
		t.Fatalf("first refresh: %v, %v", refreshed, err)
	}
	if refreshed, err := s.RefreshSegments(ctx); err != nil || refreshed {
		t.Fatalf("refresh without changes: %v, %v; want nothing done", refreshed, err)
	}
	counts, err := s.SegmentCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, n := range counts {
		total += n
	}
	// Scores 1,1,2,2,3,3,4,4,5,5: Lost, Hibernating, Loyal, Champions ×4.
	if total != 10 || counts[data.Champions] != 4 || counts[data.Lost] != 2 || counts[data.Hibernating] != 2 {
		t.Errorf("segment counts = %v", counts)
	}
	n, err := s.CountCustomersInSegment(ctx, "", false, data.Champions)
	if err != nil || n != 4 {
		t.Fatalf("count of Champions = %d, %v", n, err)
	}
	rows, err := s.SearchCustomersInSegment(ctx, data.SearchQuery{Limit: 10}, data.Champions)
	if err != nil || len(rows) != 4 || rows[0].DisplayName != "Customer 07" || rows[3].ID != ids[9] {
		t.Fatalf("Champions = %+v, %v", rows, err)
	}
	all, err := s.CustomerIDsInSegment(ctx, "", false, data.Champions)
	if err != nil || fmt.Sprint(all) != fmt.Sprint(ids[6:]) {
		t.Errorf("IDs of Champions = %v, %v; want %v", all, err, ids[6:])
	}
	rows, err = s.SearchCustomersInSegment(ctx, data.SearchQuery{Text: "customer 10", Limit: 10}, data.Champions)
	if err != nil || len(rows) != 1 || rows[0].ID != ids[9] {
		t.Errorf("Champions matching \"customer 10\" = %+v, %v", rows, err)
	}
	// A new purchase makes the stored segments stale; counting refreshes
	// them: customer 1 comes back big and is a Champion now.
	for range 20 {
		loyBuy(t, s, ids[0], now, 50000)
	}
	if n, err := s.CountCustomersInSegment(ctx, "", false, data.Champions); err != nil || n != 4 {
		t.Fatalf("Champions after customer 1 came back = %d, %v", n, err)
	}
	rows, err = s.SearchCustomersInSegment(ctx, data.SearchQuery{Limit: 10}, data.Champions)
	if err != nil || len(rows) != 4 || rows[0].ID != ids[0] || rows[1].ID != ids[7] {
		t.Errorf("Champions after customer 1 came back = %+v, %v", rows, err)
	}
	if _, err := s.CountCustomersInSegment(ctx, "", false, data.Segment("Sleepy")); err == nil {
		t.Error("an unknown segment was accepted")
	}
}
