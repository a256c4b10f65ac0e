package ui

import (
	"slices"
	"strings"
	"testing"

	"github.com/regulars/regulars/data"
)

func TestNewCustomerFormSaves(t *testing.T) {
	h := newHarness(t, threeCustomers)
	h.ready()
	h.press(shortcutNew)
	h.waitFor("the form", func() bool { return hasText(h.top(), "Given name") })
	h.typeInto("e.g. Anna Berg", "Dora Kim")
	h.typeInto("Mobile: 0171 2345678", "Mobile: 0151 99887766")
	h.typeInto("anna@example.com", "dora@example.com")
	h.typeInto("YYYY-MM-DD", "1990-07-04")
	h.typeInto("vip, wholesale", "vip, cakes")
	h.tap("Save")
	h.waitFor("Dora listed and shown", func() bool {
		d := h.m.customers.detail.snap
		return h.m.customers.countLabel.Text == "4 customers" && slices.Contains(h.rowNames(), "Dora Kim") &&
			d != nil && d.customer.DisplayName == "Dora Kim"
	})
	found, err := h.store.SearchCustomers(h.ctx, data.SearchQuery{Text: "dora"})
	if err != nil || len(found) != 1 {
		t.Fatalf("store search for Dora: %v, %v", found, err)
	}
	c, err := h.store.Customer(h.ctx, found[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if c.Phones[0].Label != "Mobile" || c.Phones[0].Number != "0151 99887766" || c.Emails[0].Address != "dora@example.com" ||
		c.Birthday.String() != "1990-07-04" || strings.Join(c.Tags, ",") != "cakes,vip" {
		t.Errorf("stored customer differs from the form: %+v", c)
	}
}

func TestEditCustomer(t *testing.T) {
	h := newHarness(t, threeCustomers)
	h.ready()
	h.m.customers.list.Select(1)
	h.waitFor("Ben's panel", func() bool { return h.m.customers.detail.snap != nil })
	id := h.m.customers.detail.snap.customer.ID
	h.press(shortcutEdit)
	h.waitFor("the form", func() bool { return hasText(h.top(), "Edit Ben Ortiz") })
	h.typeInto("e.g. Berg & Co", "Ortiz Bikes")
	h.tap("Save")
	h.waitFor("the company saved", func() bool {
		c, err := h.store.Customer(h.ctx, id)
		return err == nil && c.Company == "Ortiz Bikes" && hasText(h.m.customers.detail.content(), "Ortiz Bikes")
	})
	c, _ := h.store.Customer(h.ctx, id)
	if len(c.Phones) != 1 || c.Phones[0].Number != "030 9876543" {
		t.Errorf("editing the company changed the phones: %+v", c.Phones)
	}
}

func TestCustomerFormRejectsBadInput(t *testing.T) {
	tests := []struct {
		name        string
		placeholder string
		value       string
		want        string // part of the message under the field
	}{
		{"empty name", "e.g. Anna Berg", "", "Enter a name"},
		{"impossible birthday", "YYYY-MM-DD", "2001-02-29", "February has no day 29"},
		{"birthday garbage", "YYYY-MM-DD", "soon", "is not a birthday"},
		{"email without at", "anna@example.com", "anna.example.com", "is not an email address"},
		{"phone without digits", "Mobile: 0171 2345678", "Mobile: call me", "has no digits"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, threeCustomers)
			h.ready()
			h.press(shortcutNew)
			h.waitFor("the form", func() bool { return hasText(h.top(), "Given name") })
			if tc.placeholder != "e.g. Anna Berg" {
				h.typeInto("e.g. Anna Berg", "Eva Lund")
			}
			h.typeInto(tc.placeholder, tc.value)
			h.tap("Save")
			h.waitFor("the message "+tc.want, func() bool { return hasText(h.top(), tc.want) })
			h.settle()
			if n := h.customerCount(); n != 3 {
				t.Fatalf("bad input wrote a customer: %d in the store", n)
			}
			if !hasText(h.top(), "Given name") {
				t.Fatal("the form closed on bad input")
			}
		})
	}
}
