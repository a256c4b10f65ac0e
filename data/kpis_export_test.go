package data

// ForceKPIPlan makes KPIs use the short plan (short true) or the long one,
// until the returned function restores the automatic choice; the tests
// check that both plans give the same figures.
func ForceKPIPlan(short bool) (restore func()) {
	kpiPlan = planFull
	if short {
		kpiPlan = planShort
	}
	return func() { kpiPlan = planAuto }
}
