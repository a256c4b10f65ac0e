package reports

// reportGCPercent is the garbage collector's target (GOGC) while a
// workbook is written (see internal/gcpace). Most of a report's live heap
// is excelize's two stream buffers (32 MB each, no pointers, so cheap to
// mark), while a year's report allocates over a gigabyte on the way: with
// the default 100 the heap grows to twice the buffers, with 50 the peak
// resident memory of a year's report stays under 200 MB for a little more
// collector work on the core the queries share.
const reportGCPercent = 50
