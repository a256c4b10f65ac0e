package data_test

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
)

// TestImportAndMergeBackUpFirst checks that the data layer itself makes a
// new verified backup before every import (both ways in) and every merge,
// holding the file as it was before the change.
func TestImportAndMergeBackUpFirst(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	datatest.AddCustomer(t, s, "Anna Müller", "+49 170 1234567")
	steps := []struct {
		reason string
		before []string // the customers the new backup must hold
		change func() error
	}{
		{data.ReasonImport, []string{"Anna Müller"}, func() error {
			_, _, err := s.ImportCards(ctx, []data.ImportCard{icard(1, "Ivan Petrov", withPhone("0171 2222222"))}, nil)
			return err
		}},
		{data.ReasonImport, []string{"Anna Müller", "Ivan Petrov"}, func() error {
			plan, err := s.PlanImport(ctx, []data.ImportCard{icard(1, "Anna Müller", withPhone("0170 1234567"), withEmail("anna@example.de"))}, nil)
			if err == nil {
				_, err = s.ApplyImport(ctx, plan)
			}
			return err
		}},
		{data.ReasonMerge, []string{"Anna Müller", "Ivan Petrov"}, func() error {
			all := impAll(t, s)
			_, err := s.MergeCustomers(ctx, all[0].ID, all[1].ID)
			return err
		}},
	}
	for i, st := range steps {
		if err := st.change(); err != nil {
			t.Fatalf("step %d (%s): %v", i, st.reason, err)
		}
		list, err := data.ListBackups(s.Path())
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != i+1 || list[0].Reason != st.reason {
			t.Fatalf("step %d: backups %+v, want a new %s one", i, list, st.reason)
		}
		if _, err := data.VerifyBackup(ctx, list[0].Path); err != nil {
			t.Errorf("step %d: the backup does not verify: %v", i, err)
		}
		if got := customerNames(t, list[0].Path); !slices.Equal(got, st.before) {
			t.Errorf("step %d: the backup holds %v, want %v", i, got, st.before)
		}
	}
}

// TestNoBackupNoChange checks that an import or a merge whose backup fails
// changes nothing and says why.
func TestNoBackupNoChange(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	a := datatest.AddCustomer(t, s, "Anna Müller", "+49 170 1234567")
	b := datatest.AddCustomer(t, s, "Anna Mueller", "+49 170 1234567")
	// A file where the backups folder should be: no backup can be made.
	if err := os.WriteFile(data.BackupDir(s.Path()), []byte("in the way"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, _, err := s.ImportCards(ctx, []data.ImportCard{icard(1, "Ivan Petrov")}, nil)
	if err == nil || !strings.Contains(err.Error(), "backing up first failed, nothing was imported") {
		t.Errorf("import without a backup: %v", err)
	}
	_, err = s.MergeCustomers(ctx, a.ID, b.ID)
	if err == nil || !strings.Contains(err.Error(), "backing up first failed, nothing was merged") {
		t.Errorf("merge without a backup: %v", err)
	}
	if n := len(impAll(t, s)); n != 2 {
		t.Errorf("%d customers, want the 2 from before", n)
	}
}
