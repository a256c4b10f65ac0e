package cli_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/regulars/regulars/data"
)

// kpisShop writes a small shop with purchases on fixed days of October and
// November 2026 into a new file and returns its path.
func kpisShop(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "kpis.db")
	ctx := context.Background()
	s, err := data.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.SaveSettings(ctx, data.Settings{ShopName: "Bäckerei Sonnenschein", Currency: "EUR", Region: "DE"}); err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"Anna Berg", "Ben Ortiz", "Carla Müller", "Dario Rossi"} {
		c := &data.Customer{DisplayName: name}
		if err := s.CreateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
		for j := 0; j <= i; j++ {
			at := time.Date(2026, time.Month(10+j%2), 3+7*j+i, 10, 30, 0, 0, time.Local)
			p := &data.Purchase{CustomerID: c.ID, At: at, AmountCents: int64(123456/(j+1) + 99*i), PaymentMethod: "Card"}
			if err := s.AddPurchase(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
	}
	return db
}

// kpis --json is read by scripts: its bytes stay as they were before the
// figures were written the shop's way. testdata/kpis.golden.json was
// written by the program before that change, on this same shop.
func TestKPIsJSONUnchanged(t *testing.T) {
	db := kpisShop(t)
	t.Setenv("LC_ALL", "de_DE.UTF-8") // the language of the table must not reach the JSON
	out, errOut, code := runInProcess("kpis", "--db", db, "--from", "2026-11-01", "--to", "2026-11-30", "--json")
	if code != 0 {
		t.Fatal(errOut)
	}
	want, err := os.ReadFile(filepath.Join("testdata", "kpis.golden.json"))
	if err != nil {
		t.Fatal(err)
	}
	if out != string(want) {
		t.Errorf("kpis --json changed:\n%s\nwant:\n%s", out, want)
	}
}

// TestKPIsShopFile leaves the shop in $KPIS_SHOP for checking the golden
// file against another build of the program.
func TestKPIsShopFile(t *testing.T) {
	dst := os.Getenv("KPIS_SHOP")
	if dst == "" {
		t.Skip("set KPIS_SHOP to write the shop there")
	}
	b, err := os.ReadFile(kpisShop(t))
	if err != nil || os.WriteFile(dst, b, 0o644) != nil {
		t.Fatal(err)
	}
}

// Under LANG=de_DE.UTF-8 the built program prints the table in German:
// German names, amounts like 1.234,56 €, counts grouped with points,
// dates as 01.11.2026.
func TestKPIsGermanTable(t *testing.T) {
	db := kpisShop(t)
	cmd := exec.Command(binary, "kpis", "--db", db, "--from", "2026-11-01", "--to", "2026-11-30")
	cmd.Env = append(os.Environ(), "LANG=de_DE.UTF-8", "LC_ALL=", "LC_MESSAGES=", "LANGUAGE=")
	b, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	out := string(b)
	for _, want := range []string{"Umsatz", "Kundenbindungsrate", "01.11.2026 – 30.11.2026", "2.169,39\u00a0€", "1.985,39\u00a0€", "75,0\u00a0%", "+"} {
		if !strings.Contains(out, want) {
			t.Errorf("the German table lacks %q:\n%s", want, out)
		}
	}
}
