package data

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"

	"github.com/regulars/regulars/internal/gcpace"
)

// ImportCounts sums up an import plan.
type ImportCounts struct {
	Added, Updated, Unchanged, Skipped int
}

// String formats the counts as the command line prints them:
// "added 3, updated 1, unchanged 10, skipped 0".
func (c ImportCounts) String() string {
	return fmt.Sprintf("added %d, updated %d, unchanged %d, skipped %d", c.Added, c.Updated, c.Unchanged, c.Skipped)
}

// CardRef names one card of a file by the line of its BEGIN.
type CardRef struct {
	File string
	Line int
}

// String formats the reference as FILE:LINE.
func (r CardRef) String() string { return fmt.Sprintf("%s:%d", r.File, r.Line) }

// FieldChange is one change an import makes to a customer: Field goes from
// Old to New ("" means empty or absent).
type FieldChange struct {
	Field string // "name", "phone", "email", "birthday", …
	Old   string
	New   string
}

// CustomerChange is what an import does to one customer.
type CustomerChange struct {
	CustomerID int64  // 0 for a customer the import creates
	Name       string // display name after the import
	Cards      []CardRef
	// Changes lists what the import changes; for a new customer, every
	// field it gets, in a preview (PlanImport) only: the imports without
	// one (ImportCards, ApplyImport) leave them out, which a 10,000-card
	// import would otherwise hold some 10 MB of until its end.
	Changes []FieldChange
}

// ImportPlan is what an import would do, computed without writing
// anything. It is shown as a preview and then handed to ApplyImport.
//
// An import is planned first (PlanImport: nothing is written) and then
// applied in one transaction (ApplyImport), or both at once (ImportCards).
// The rules:
//
// Matching. The cards of all files of one import are grouped first, and
// each group is then matched against the customers already stored, under
// one identity rule (see import_identity.go): the same UID is one person;
// a shared phone number (compared in E.164 form) or email address
// (case-insensitive) is one person only when the names are compatible (the
// same once accents, case and word order are ignored, or one side has no
// real name: only a number or an address). A shared phone or email with
// another name is two people: they stay apart, the plan lists them in
// KeptApart and the duplicate review (PossibleDuplicates) offers them for
// merging. A group is matched by UID, then by phone number, then by email
// address; when several customers match at the same level, the oldest
// (lowest ID) wins. A card with no UID, no phone number that parses and no
// email is recognised only when exactly the same card was imported
// before. A name alone never matches. A card without a real name never
// replaces a customer's name.
//
// Owner's edits win. An import never deletes anything and never
// overwrites what the owner typed:
//   - a name, company, address, birthday, note or photo is taken from the
//     card when the customer's field is empty, or when the field still holds
//     exactly what an earlier import put there (the owner has not edited it
//     since); a field the owner typed or changed is never overwritten, and an
//     empty field on the card never clears anything;
//   - phone numbers and email addresses the customer does not have yet are
//     added; none are ever removed or rewritten;
//   - tags are added; the UID is set when the customer has none.
//
// Importing the same file again therefore changes nothing, and an updated
// export updates exactly the fields the owner has left alone.
//
// Undo. Every import is recorded (Imports) and can be undone as a whole
// (UndoImport): customers it created are removed and customers it updated
// get their earlier state back, except those the owner has worked on since
// (edited, or given purchases or notes): they are kept and listed.
type ImportPlan struct {
	Files     []string
	New       []CustomerChange
	Updated   []CustomerChange
	Unchanged []CustomerChange // matched customers the import leaves as they are
	Skipped   []SkippedCard    // cards that cannot be imported, with the reason
	Warnings  []SkippedCard    // parts of imported cards that were left out
	KeptApart []KeptApart      // customers who share a phone or email with someone of another name

	keptApartN int // how many of the import's customers KeptApart names

	cards   []ImportCard  // the input, to plan again inside the transaction
	skipped []SkippedCard // the reader's skipped cards
	groups  []*importGroup
}

// Counts returns how many customers the plan adds, updates and leaves
// unchanged, and how many cards it skips.
func (p *ImportPlan) Counts() ImportCounts {
	return ImportCounts{Added: len(p.New), Updated: len(p.Updated), Unchanged: len(p.Unchanged), Skipped: len(p.Skipped)}
}

// KeptApartCount returns how many of the import's customers share a phone
// number or email address with someone of another name (in the files or
// among the stored customers) and are therefore kept apart from them: the
// preview's "kept apart: N share a phone or email with someone of another
// name".
func (p *ImportPlan) KeptApartCount() int { return p.keptApartN }

// Empty reports whether applying the plan would change no customer.
func (p *ImportPlan) Empty() bool { return len(p.New) == 0 && len(p.Updated) == 0 }

// ErrPlanChanged is returned by ApplyImport when the customers changed
// between planning and applying, so the preview the owner saw is no longer
// what the import would do. Plan again and show the new preview.
var ErrPlanChanged = errors.New("the customers changed since the import was planned; review the import again")

// PlanImport works out what importing cards would do: which customers it
// creates, which it updates and how, which it leaves unchanged, and which
// cards it skips (the reader's skipped cards plus cards that cannot be
// stored). It writes nothing. See the package's import rules above.
func (s *Store) PlanImport(ctx context.Context, cards []ImportCard, skipped []SkippedCard) (*ImportPlan, error) {
	defer gcpace.Lower(importGCPercent)() // see importWrite
	var plan *ImportPlan
	err := s.readTx(context.WithoutCancel(ctx), func(q querier) error { // planImport checks ctx itself
		var err error
		plan, err = planImport(ctx, q, cards, skipped, true)
		return err
	})
	if plan != nil {
		// ApplyImport plans again and applies that plan: the preview
		// need not keep its groups (a tenth of a big import's memory).
		plan.groups = nil
	}
	return plan, err
}

// Replan plans the import of p's cards again, against the customers as
// they are now (after ApplyImport returned ErrPlanChanged).
func (s *Store) Replan(ctx context.Context, p *ImportPlan) (*ImportPlan, error) {
	return s.PlanImport(ctx, p.cards, p.skipped)
}

// ApplyImport makes a verified backup (ReasonImport) and then carries out
// plan in one transaction: all of it or, on any error, nothing; when the
// backup fails, nothing is imported. It plans again inside the transaction and returns
// ErrPlanChanged when the outcome differs from plan (someone edited a
// matching customer in between). It returns the import's history record.
func (s *Store) ApplyImport(ctx context.Context, plan *ImportPlan) (*ImportRecord, error) {
	if err := s.backupBeforeChange(ctx, ReasonImport, "imported"); err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	_, rec, err := s.importWrite(ctx, func(tx *Tx) (*ImportPlan, error) {
		fresh, err := planImport(ctx, tx.prepared(), plan.cards, plan.skipped, false)
		if err == nil && fresh.digest() != plan.digest() {
			err = ErrPlanChanged
		}
		return fresh, err
	})
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	return rec, nil
}

// ImportCards makes a verified backup (ReasonImport), then plans and
// applies an import in one transaction, without a preview (the command
// line's way). It returns the plan that was applied
// and the history record.
func (s *Store) ImportCards(ctx context.Context, cards []ImportCard, skipped []SkippedCard) (*ImportPlan, *ImportRecord, error) {
	if err := s.backupBeforeChange(ctx, ReasonImport, "imported"); err != nil {
		return nil, nil, fmt.Errorf("import: %w", err)
	}
	plan, rec, err := s.importWrite(ctx, func(tx *Tx) (*ImportPlan, error) {
		return planImport(ctx, tx.prepared(), cards, skipped, false)
	})
	if err != nil {
		return nil, nil, fmt.Errorf("import: %w", err)
	}
	return plan, rec, nil
}

// importWrite plans an import with plan and applies it in one write
// transaction (Write) with the import's memory settings: the writer's page
// cache at importCacheKiB throughout, and the garbage collector's target
// at importGCPercent from the apply to the commit. Its statements run
// under a context that is not cancelled (see uncancelled); the apply
// stops once ctx is done. A 10,000-card import into the 100k-customer
// file keeps some 45 MB of Go heap live at its peak, which comes while
// the customers are stored, and allocates some 300 MB on the way.
// Measured on that import: with both settings the process peaks at about
// 116 MB, without the smaller cache at 131 MB, without the lower target
// at 130–135 MB. The planning before runs under the usual target: lowered
// there too, it only collected more often (0.03–0.06 s more), for the
// same peak.
func (s *Store) importWrite(ctx context.Context, plan func(tx *Tx) (*ImportPlan, error)) (*ImportPlan, *ImportRecord, error) {
	wctx := context.WithoutCancel(ctx)
	// The writer pool holds one connection, so the pragma and the
	// transaction run on the same one; a connection opened anew (after an
	// error) starts from the DSN's cache size anyway.
	if _, err := s.write.ExecContext(wctx, fmt.Sprintf("PRAGMA cache_size(-%d)", importCacheKiB)); err != nil {
		return nil, nil, err
	}
	defer s.write.ExecContext(wctx, fmt.Sprintf("PRAGMA cache_size(-%d)", writerCacheKiB))
	restoreGC := func() {}
	defer func() { restoreGC() }()
	var p *ImportPlan
	var rec *ImportRecord
	err := s.Write(wctx, func(tx *Tx) error {
		var err error
		if p, err = plan(tx); err != nil {
			return err
		}
		restoreGC = gcpace.Lower(importGCPercent)
		rec, err = tx.applyImport(p, ctx)
		return err
	})
	return p, rec, err
}

// importCacheKiB and importGCPercent are the import's memory settings, see
// importWrite.
const (
	importCacheKiB  = 8 << 10
	importGCPercent = 50
)

// uncancelled: an import runs its statements under a context that is never
// cancelled and checks the caller's context itself, every few hundred
// customers. For a statement under a context that can be cancelled, the
// SQLite driver starts a goroutine that waits to interrupt it, and an
// import runs some ten statements per card: under a cancellable context a
// 10,000-card import took 3.1–3.3 s of CPU, checking the context between
// customers instead 2.3–2.6 s, as under one that cannot be cancelled.
// Cancelling still rolls everything back.

// digest summarises the plan's outcome, to tell whether planning again
// gives the same result: a hash, so that a large import's two plans are
// compared without writing either out in full. A new customer's fields
// are left out (a plan without preview has none, see CustomerChange): its
// cards, which the fields come from, are in.
func (p *ImportPlan) digest() string {
	h := sha256.New()
	for k, list := range [][]CustomerChange{p.New, p.Updated, p.Unchanged} {
		for _, c := range list {
			if k == 0 {
				c.Changes = nil
			}
			fmt.Fprintf(h, "%d|%q|%#v|%#v\n", c.CustomerID, c.Name, c.Cards, c.Changes)
		}
		io.WriteString(h, "--\n")
	}
	for _, sk := range p.Skipped { // Why's values may be pointers: the English text stands for them
		fmt.Fprintf(h, "%q|%d|%q\n", sk.File, sk.Line, sk.Reason)
	}
	return hex.EncodeToString(h.Sum(nil))
}
