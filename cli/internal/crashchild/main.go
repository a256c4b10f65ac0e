// Command crashchild writes to a Regulars data file as fast as it can and
// reports every commit, so that cli/crash_test.go can kill it (SIGKILL) at
// a random moment and check that the file holds exactly what was reported
// committed. It is a test helper, not part of the app.
//
//	crashchild purchases FILE   one purchase per transaction; the amount in
//	                            cents is its sequence number
//	crashchild import FILE      imports of 200 new contacts each, in one
//	                            transaction per import; the contacts of
//	                            import n are named "Batch n customer i"
//
// It prints "start N" (N = the last sequence number already in the file),
// then "committed N" after each commit returns.
package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"time"

	"github.com/regulars/regulars/data"
)

// BatchSize is the number of contacts in one import.
const BatchSize = 200

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: crashchild purchases|import FILE")
		os.Exit(2)
	}
	ctx := context.Background()
	s, err := data.Open(ctx, os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	out := bufio.NewWriter(os.Stdout)
	switch os.Args[1] {
	case "purchases":
		err = purchases(ctx, s, out)
	case "import":
		err = imports(ctx, s, out)
	default:
		err = fmt.Errorf("unknown mode %q", os.Args[1])
	}
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}

// report writes a line and pushes it to the parent at once.
func report(out *bufio.Writer, format string, args ...any) {
	fmt.Fprintf(out, format+"\n", args...)
	out.Flush()
}

func purchases(ctx context.Context, s *data.Store, out *bufio.Writer) error {
	list, err := s.SearchCustomers(ctx, data.SearchQuery{Limit: 1})
	if err != nil {
		return err
	}
	var customer int64
	if len(list) == 0 {
		c := &data.Customer{DisplayName: "Crash Test"}
		if err := s.CreateCustomer(ctx, c); err != nil {
			return err
		}
		customer = c.ID
	} else {
		customer = list[0].ID
	}
	st, err := s.CustomerStats(ctx, customer)
	if err != nil {
		return err
	}
	n := int64(st.Purchases)
	report(out, "start %d", n)
	for {
		n++
		p := &data.Purchase{CustomerID: customer, At: time.Now(), AmountCents: n, Description: fmt.Sprintf("purchase %d", n)}
		if err := s.AddPurchase(ctx, p); err != nil {
			return err
		}
		report(out, "committed %d", n)
	}
}

func imports(ctx context.Context, s *data.Store, out *bufio.Writer) error {
	done, err := s.Imports(ctx)
	if err != nil {
		return err
	}
	n := len(done)
	report(out, "start %d", n)
	for {
		n++
		cards := make([]data.ImportCard, BatchSize)
		for i := range cards {
			cards[i] = data.ImportCard{File: fmt.Sprintf("batch%d.vcf", n), Line: 1 + 5*i, Customer: data.Customer{
				DisplayName: fmt.Sprintf("Batch %d customer %d", n, i),
				Phones:      []data.Phone{{Label: "Mobile", Number: fmt.Sprintf("+49 170 %04d%04d", n, i)}},
				Emails:      []data.Email{{Address: fmt.Sprintf("b%d.c%d@example.org", n, i)}},
			}}
		}
		if _, _, err := s.ImportCards(ctx, cards, nil); err != nil {
			return err
		}
		report(out, "committed %d", n)
	}
}
