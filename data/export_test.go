package data

// SkipChangeBackups makes s import and merge without the backup it takes
// first (backupBeforeChange), so that the import benchmarks time the
// import alone; BenchmarkBackup100k times the backup.
func SkipChangeBackups(s *Store) { s.noChangeBackups = true }
