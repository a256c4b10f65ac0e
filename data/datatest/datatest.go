// Package datatest gives tests a real Regulars store in a temporary
// directory, with every migration applied.
package datatest

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/regulars/regulars/data"
)

// NewStore opens a fresh data file under tb.TempDir() and closes it when
// the test ends. Its settings are data.DefaultSettings whatever the
// machine's locale, so tests see the same currency and phone region
// everywhere.
func NewStore(tb testing.TB) *data.Store {
	tb.Helper()
	s, err := data.Open(context.Background(), filepath.Join(tb.TempDir(), "regulars.db"))
	if err != nil {
		tb.Fatalf("open store: %v", err)
	}
	if err := s.SaveSettings(context.Background(), data.DefaultSettings); err != nil {
		tb.Fatalf("settings: %v", err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// AddCustomer stores a customer with the given name and phone numbers and
// returns it.
func AddCustomer(tb testing.TB, s *data.Store, name string, phones ...string) *data.Customer {
	tb.Helper()
	c := &data.Customer{DisplayName: name}
	for _, p := range phones {
		c.Phones = append(c.Phones, data.Phone{Label: "Mobile", Number: p, E164: data.NormalizePhone(p, "DE")})
	}
	if err := s.CreateCustomer(context.Background(), c); err != nil {
		tb.Fatalf("create customer %q: %v", name, err)
	}
	return c
}

// PeakRSS is the peak resident memory of this process so far in MB
// (Linux's VmHWM: it counts SQLite's memory too); 0 where it cannot be
// read. Writing "5" to /proc/self/clear_refs starts it afresh.
func PeakRSS() float64 { return procStatusMB("VmHWM:") }

// AnonRSS is this process's resident anonymous memory now in MB (Linux's
// RssAnon: what it allocated, without the pages of files it maps, such as
// SQLite's mapped data file); 0 where it cannot be read.
func AnonRSS() float64 { return procStatusMB("RssAnon:") }

// procStatusMB reads one kB field of /proc/self/status, in MB.
func procStatusMB(field string) float64 {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(status), "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == field {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}
