package data

// SetSearchPlanLimits changes where search switches plans, so that small
// test files can exercise every plan; it returns a function restoring them.
func SetSearchPlanLimits(many, dense int) (restore func()) {
	oldMany, oldDense := manyMatches, denseShare
	manyMatches, denseShare = many, dense
	return func() { manyMatches, denseShare = oldMany, oldDense }
}
