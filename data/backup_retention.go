package data

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"time"
)

// Retention says which backups to keep: the Last newest ones, and the
// newest backup of each of the last Daily days, Weekly ISO weeks and Monthly
// months that have backups (days, weeks and months in local time). A
// backup kept by any rule stays.
type Retention struct {
	Last, Daily, Weekly, Monthly int
}

// DefaultRetention keeps the last 7 daily, 4 weekly and 12 monthly
// backups, and always the 5 newest, so that the backups made before
// several imports on one day are not lost at once.
var DefaultRetention = Retention{Last: 5, Daily: 7, Weekly: 4, Monthly: 12}

// Keep splits backups (in any order) into those the rules keep and those
// they drop; both come out newest first.
func (r Retention) Keep(backups []BackupInfo) (keep, drop []BackupInfo) {
	sorted := append([]BackupInfo(nil), backups...)
	sortNewestFirst(sorted)
	kept := make([]bool, len(sorted))
	for i := 0; i < len(sorted) && i < r.Last; i++ {
		kept[i] = true
	}
	rules := []struct {
		n   int
		key func(time.Time) string
	}{
		{r.Daily, func(t time.Time) string { return t.Format("2006-01-02") }},
		{r.Weekly, func(t time.Time) string { y, w := t.ISOWeek(); return fmt.Sprintf("%d-W%02d", y, w) }},
		{r.Monthly, func(t time.Time) string { return t.Format("2006-01") }},
	}
	for _, rule := range rules {
		seen := map[string]bool{}
		for i, b := range sorted {
			k := rule.key(b.Time.Local())
			if len(seen) >= rule.n {
				break
			}
			if !seen[k] {
				seen[k] = true
				kept[i] = true
			}
		}
	}
	for i, b := range sorted {
		if kept[i] {
			keep = append(keep, b)
		} else {
			drop = append(drop, b)
		}
	}
	return keep, drop
}

func sortNewestFirst(b []BackupInfo) {
	sort.SliceStable(b, func(i, j int) bool { return b[i].Time.After(b[j].Time) })
}

// pruneBackups removes the backups of the data file at dataPath that r
// does not keep, and returns their paths.
func pruneBackups(dataPath string, r Retention) ([]string, error) {
	list, err := ListBackups(dataPath)
	if err != nil {
		return nil, err
	}
	_, drop := r.Keep(list)
	var removed []string
	var errs []error
	for _, b := range drop {
		if err := os.Remove(b.Path); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
			continue
		}
		removed = append(removed, b.Path)
	}
	return removed, errors.Join(errs...)
}
