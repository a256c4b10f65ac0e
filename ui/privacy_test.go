package ui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/vcard"
)

func TestPrivacyExportWritesVCardAndJSON(t *testing.T) {
	h := newHarness(t, threeCustomers)
	d := h.openPanel(2) // Carla Müller
	c := d.snap.customer
	if err := h.store.AddPurchase(h.ctx, &data.Purchase{CustomerID: c.ID, At: time.Now(), AmountCents: 1250, Description: "Bread"}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	exportCustomer(&h.m.env, h.store, c.ID, dir) // what the folder dialog does with the chosen folder
	h.waitFor("the confirmation", func() bool { return hasText(h.top(), "Everything Regulars keeps about them") })
	day := time.Now().Format("2006-01-02")
	vcf, err := os.Open(filepath.Join(dir, "Carla Müller "+day+".vcf"))
	if err != nil {
		t.Fatal(err)
	}
	defer vcf.Close()
	res, err := vcard.Read(vcf, vcard.Options{Region: "DE"})
	if err != nil || len(res.Cards) != 1 || res.Cards[0].Customer.DisplayName != "Carla Müller" ||
		len(res.Cards[0].Customer.Emails) != 1 {
		t.Fatalf("the exported vCard reads back as %+v, %v", res, err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "Carla Müller "+day+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Customer struct {
			Name string `json:"name"`
		} `json:"customer"`
		Purchases []struct {
			AmountCents int64 `json:"amount_cents"`
		} `json:"purchases"`
	}
	if err := json.Unmarshal(raw, &got); err != nil || got.Customer.Name != "Carla Müller" ||
		len(got.Purchases) != 1 || got.Purchases[0].AmountCents != 1250 {
		t.Fatalf("the exported JSON: %+v, %v\n%s", got, err, raw)
	}
}

func TestPrivacyEraseFromThePanel(t *testing.T) {
	h := newHarness(t, threeCustomers)
	d := h.openPanel(0) // Anna Berg
	id := d.snap.customer.ID
	if err := h.store.AddPurchase(h.ctx, &data.Purchase{CustomerID: id, At: time.Now(), AmountCents: 990}); err != nil {
		t.Fatal(err)
	}
	h.tap("Privacy…")
	h.waitFor("the privacy dialog", func() bool { return hasText(h.top(), "When they ask to be forgotten") })
	h.tap("Erase their personal data")
	h.waitFor("the confirmation", func() bool { return hasText(h.top(), "Erase the personal data of Anna Berg for good?") })
	h.tap("Erase")
	h.waitFor("the erase", func() bool {
		c, err := h.store.Customer(h.ctx, id)
		return err == nil && c.DisplayName == data.ErasedName(id)
	})
	h.waitFor("the panel", func() bool { return hasText(h.m.win.Content(), data.ErasedName(id)) })
	if st, _ := h.store.CustomerStats(h.ctx, id); st.TotalCents != 990 {
		t.Errorf("the erased customer's total is %d, want 990", st.TotalCents)
	}
	if found, _ := h.store.SearchCustomers(h.ctx, data.SearchQuery{Text: "anna", IncludeArchived: true}); len(found) != 0 {
		t.Errorf("search still finds the erased customer: %+v", found)
	}
}

func TestSafeFileName(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"Anna Müller", "Anna Müller"},
		{`a/b\c:d*e?f"g<h>i|j`, "a_b_c_d_e_f_g_h_i_j"},
		{"  ..  ", "customer 7"},
		{"", "customer 7"},
		{"line\nbreak", "line_break"},
		{strings.Repeat("é", 100), strings.Repeat("é", 40)},
	} {
		if got := safeFileName(tt.name, 7); got != tt.want {
			t.Errorf("safeFileName(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}
