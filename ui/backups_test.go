package ui

import (
	"context"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
)

// backupsSection shows the Backups section of Settings as the window's
// content and waits until it has listed the backups.
func (h *harness) backupsSection() *backupSettings {
	h.t.Helper()
	h.ready()
	b := newBackupSection(&h.m.env)
	h.m.win.SetContent(b.content)
	h.waitFor("the backups list", func() bool { return len(b.rows.Objects) > 0 })
	return b
}

// restoreButton finds the Restore button on the row of the backup made
// for reason.
func (h *harness) restoreButton(b *backupSettings, reason string) *widget.Button {
	h.t.Helper()
	for i, info := range b.list {
		if info.Reason == reason {
			return h.button(b.rows.Objects[i], "Restore")
		}
	}
	h.t.Fatalf("no backup made for %q in %+v", reason, b.list)
	return nil
}

func TestBackupsSectionBacksUpAndRestores(t *testing.T) {
	h := newHarness(t, threeCustomers)
	if _, err := h.store.Backup(h.ctx, data.ReasonImport); err != nil {
		t.Fatal(err)
	}
	b := h.backupsSection()
	if !hasText(b.content, "Before an import") || !hasText(b.content, data.BackupDir(h.store.Path())) {
		t.Fatalf("the section does not list the backup:\n%s", texts(b.content))
	}
	addCustomer(t, h.store, "Dora Later", "0170 1112223", "")
	test.Tap(h.button(b.content, "Back up now"))
	h.waitFor("the new backup", func() bool {
		return hasText(b.content, "Backed up and checked") && hasText(b.content, "Backed up by hand")
	})
	if len(b.list) != 2 || b.list[0].Reason != data.ReasonManual {
		t.Fatalf("backups after Back up now: %+v", b.list)
	}

	test.Tap(h.restoreButton(b, data.ReasonImport))
	h.waitFor("the confirmation", func() bool { return hasText(h.top(), "Replace everything in Regulars") })
	h.tap("Restore")
	h.waitFor("the restore", func() bool { return hasText(b.content, "Restored.") })
	if n, _ := h.store.CountCustomers(h.ctx, "", true); n != 3 {
		t.Errorf("%d customers after restoring the import backup, want 3", n)
	}
	h.waitFor("the list with the safety backup", func() bool { return hasText(b.content, "Before a restore") })
	for _, btn := range append(b.fixed, b.rowBtn...) {
		if btn.Disabled() {
			t.Errorf("button %q still disabled after the restore", btn.Text)
		}
	}
}

func TestBackupsSectionCancelledRestoreChangesNothing(t *testing.T) {
	h := newHarness(t, threeCustomers)
	h.store.Backup(h.ctx, data.ReasonDaily)
	addCustomer(t, h.store, "Dora Later", "0170 1112223", "")
	b := h.backupsSection()
	test.Tap(h.restoreButton(b, data.ReasonDaily))
	h.waitFor("the confirmation", func() bool { return hasText(h.top(), "Replace everything in Regulars") })
	h.tap("No")
	h.settle()
	if n, _ := h.store.CountCustomers(h.ctx, "", true); n != 4 {
		t.Errorf("%d customers after a cancelled restore, want 4", n)
	}
}

func TestBackupsSectionBackUpTo(t *testing.T) {
	h := newHarness(t, threeCustomers)
	b := h.backupsSection()
	if !hasText(b.content, "No backups yet") {
		t.Errorf("an empty backups folder is not explained:\n%s", texts(b.content))
	}
	out := filepath.Join(t.TempDir(), "usb.db")
	b.backUpTo(out) // what the file dialog does with the chosen file
	h.waitFor("the copy", func() bool { return hasText(b.content, "Backed up and checked: "+out) })
	if _, err := data.VerifyBackup(h.ctx, out); err != nil {
		t.Fatal(err)
	}
	b.backUpTo(filepath.Join(t.TempDir(), "missing", "x.db"))
	h.waitFor("the error", func() bool { return hasText(h.top(), "Could not back up to") })
}

func TestBackupsAreASettingsSection(t *testing.T) {
	found := false
	for _, s := range settingsSections() {
		found = found || s.title == "Backups"
	}
	if !found {
		t.Fatal("Settings has no Backups section")
	}
}

// backupReasons lists the reasons of the store's backups, newest first.
func backupReasons(h *harness) []string {
	list, err := data.ListBackups(h.store.Path())
	if err != nil {
		h.t.Fatal(err)
	}
	var out []string
	for _, b := range list {
		out = append(out, b.Reason)
	}
	return out
}

func TestImportBacksUpFirst(t *testing.T) {
	h := newHarness(t, twins)
	h.ready()
	importDropped(&h.m.env, []fyne.URI{writeVCard(t, "contacts.vcf", phoneFile)})
	h.waitFor("the preview", func() bool { return hasText(h.top(), "new,") })
	if got := backupReasons(h); len(got) != 0 {
		t.Fatalf("the preview made backups: %v", got)
	}
	h.tap("Import")
	h.waitFor("the import", func() bool { return h.customerCount() > 3 })
	if got := backupReasons(h); len(got) != 1 || got[0] != data.ReasonImport {
		t.Fatalf("backups after the import: %v; want one made before it", got)
	}
	// The backup holds the file as it was before the import.
	list, _ := data.ListBackups(h.store.Path())
	if n := customersIn(t, list[0].Path); n != 3 {
		t.Errorf("the import's backup holds %d customers, want the 3 from before", n)
	}
}

func TestMergeBacksUpFirst(t *testing.T) {
	h := newHarness(t, twins)
	h.ready()
	showDuplicates(&h.m.env)
	h.waitFor("the pair side by side", func() bool {
		return hasText(h.top(), "same phone number +49 171 5551234") && hasText(h.top(), "Purchases: 1,") &&
			hasText(h.top(), "Email: anna@example.com")
	})
	test.Tap(h.button(h.top(), "Keep this one"))
	h.waitFor("the confirmation", func() bool { return hasText(h.top(), "Merge “A. Berg” into “Anna Berg”?") })
	h.tap("Yes")
	h.waitFor("the merge", func() bool { return h.customerCount() == 2 })
	if got := backupReasons(h); len(got) != 1 || got[0] != data.ReasonMerge {
		t.Errorf("backups after the merge: %v; want one made before it", got)
	}
}

// customersIn counts the customers in a closed data file or backup.
func customersIn(t *testing.T, path string) int {
	t.Helper()
	s, err := data.Open(context.Background(), datatest.CopyFile(t, path))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n, err := s.CountCustomers(context.Background(), "", true)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
