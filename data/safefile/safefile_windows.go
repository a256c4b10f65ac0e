//go:build windows

package safefile

import (
	"errors"
	"os"
	"path/filepath"
	"unsafe"

	"golang.org/x/sys/windows"
)

// replace moves src over dst. It first asks for a POSIX-style rename
// (Windows 10 1607 and later, NTFS), which replaces dst even while readers
// that allow deletion (FILE_SHARE_DELETE) have it open; they keep the old
// file. Where that is not offered (older systems, FAT-formatted USB
// sticks, Wine) or fails in any way, it falls back to MoveFileEx with
// MOVEFILE_REPLACE_EXISTING, flushed to disk by MOVEFILE_WRITE_THROUGH.
func replace(src, dst string) error {
	if posixRename(src, dst) == nil {
		return nil
	}
	from, err := windows.UTF16PtrFromString(src)
	if err == nil {
		var to *uint16
		if to, err = windows.UTF16PtrFromString(dst); err == nil {
			err = windows.MoveFileEx(from, to, windows.MOVEFILE_REPLACE_EXISTING|windows.MOVEFILE_WRITE_THROUGH)
		}
	}
	if err != nil {
		return &os.LinkError{Op: "replace", Old: src, New: dst, Err: err}
	}
	return nil
}

// fileRenameInformation is FILE_RENAME_INFORMATION for
// FileRenameInformationEx: flags, the destination folder, and the new name
// relative to it (FileName runs on past the struct).
type fileRenameInformation struct {
	Flags          uint32
	RootDirectory  windows.Handle
	FileNameLength uint32
	FileName       [1]uint16
}

// fileRenameInformationEx is the class of NtSetInformationFile that takes
// rename flags (FILE_INFORMATION_CLASS 65).
const fileRenameInformationEx = 65

// posixRename renames src to dst with FILE_RENAME_POSIX_SEMANTICS, naming
// dst by its folder's handle and its base name, so that no path needs
// converting to the kernel's form. It flushes the file before returning.
func posixRename(src, dst string) error {
	h, err := openHandle(src, windows.DELETE|windows.SYNCHRONIZE|windows.GENERIC_WRITE, 0)
	if err != nil {
		return err
	}
	defer windows.CloseHandle(h)
	dir, err := openHandle(filepath.Dir(dst), windows.FILE_TRAVERSE|windows.SYNCHRONIZE, windows.FILE_FLAG_BACKUP_SEMANTICS)
	if err != nil {
		return err
	}
	defer windows.CloseHandle(dir)
	name, err := windows.UTF16FromString(filepath.Base(dst))
	if err != nil {
		return err
	}
	name = name[:len(name)-1] // no NUL: the length is given
	var info fileRenameInformation
	size := int(unsafe.Offsetof(info.FileName)) + 2*len(name)
	buf := make([]uint64, (size+7)/8) // 8-byte aligned, as the handle inside needs
	ri := (*fileRenameInformation)(unsafe.Pointer(&buf[0]))
	ri.Flags = windows.FILE_RENAME_REPLACE_IF_EXISTS | windows.FILE_RENAME_POSIX_SEMANTICS
	ri.RootDirectory = dir
	ri.FileNameLength = uint32(2 * len(name))
	copy(unsafe.Slice(&ri.FileName[0], len(name)), name)
	var iosb windows.IO_STATUS_BLOCK
	err = windows.NtSetInformationFile(h, &iosb, (*byte)(unsafe.Pointer(&buf[0])), uint32(size), fileRenameInformationEx)
	if err != nil {
		return err
	}
	return windows.FlushFileBuffers(h)
}

// openHandle opens path with the given access, sharing everything, so that
// it gets in nobody's way.
func openHandle(path string, access, flags uint32) (windows.Handle, error) {
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return 0, err
	}
	return windows.CreateFile(p, access, windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE|windows.FILE_SHARE_DELETE,
		nil, windows.OPEN_EXISTING, flags, 0)
}

// heldElsewhere reports whether err is Windows saying that another handle
// on the file forbids what was asked: a sharing violation (opened without
// the needed FILE_SHARE_ flags, as Excel opens a workbook) or a lock
// violation (a byte range locked with LockFileEx).
func heldElsewhere(err error) bool {
	return errors.Is(err, windows.ERROR_SHARING_VIOLATION) || errors.Is(err, windows.ERROR_LOCK_VIOLATION)
}

// transient reports whether an operation that failed with err may work a
// moment later. Besides the violations above, this is ERROR_ACCESS_DENIED,
// which is what renaming over (or deleting) a file gives while another
// handle lacks FILE_SHARE_DELETE, or while a deleted file's name lingers
// until its last handle closes.
func transient(err error) bool {
	return heldElsewhere(err) || errors.Is(err, windows.ERROR_ACCESS_DENIED)
}

// heldByOther reports whether another handle on path stands in the way of
// renaming or deleting it, which ERROR_ACCESS_DENIED alone does not tell
// apart from missing permissions: opening path for DELETE while sharing
// nothing fails with a sharing violation exactly when someone else has it
// open.
func heldByOther(path string) bool {
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return false
	}
	h, err := windows.CreateFile(p, windows.DELETE, 0, nil, windows.OPEN_EXISTING, 0, 0)
	if err != nil {
		return heldElsewhere(err)
	}
	windows.CloseHandle(h)
	return false
}
