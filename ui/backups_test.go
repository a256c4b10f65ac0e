package ui

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
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
