package reports

import (
	"github.com/regulars/regulars/data"
)

// customerColumns are the columns of the Customers sheet.
func (wb *workbook) customerColumns() []column {
	st := wb.st
	return []column{
		{title: "Name", width: 28, style: st.text},
		{title: "Phone", width: 18, style: st.text},
		{title: "Email", width: 30, style: st.text},
		{title: "Tier", width: 10, style: st.text},
		{title: "Points balance", width: 14, style: st.integer, sum: true, total: st.totalInt},
		{title: "Points earned", width: 14, style: st.integer, sum: true, total: st.totalInt},
		{title: "Points redeemed", width: 15, style: st.integer, sum: true, total: st.totalInt},
		{title: "Purchases", width: 11, style: st.integer, sum: true, total: st.totalInt},
		{title: "Spend in period", width: 16, style: st.money, sum: true, total: st.totalMoney},
		{title: "Lifetime spend", width: 16, style: st.money, sum: true, total: st.totalMoney},
		{title: "First purchase", width: 15, style: st.date},
		{title: "Last purchase", width: 15, style: st.date},
		{title: "Segment", width: 14, style: st.text},
	}
}

// customerValues are the cells of one customer's row, appended to v[:0].
func (wb *workbook) customerValues(c *data.ReportCustomer, v []any) []any {
	return append(v[:0], c.Name, c.Phone, c.Email, c.Tier, c.Points, c.PointsEarned, c.PointsSpent, c.Purchases,
		money(c.SpendCents), money(c.LifetimeCents), wb.day(c.FirstPurchase), wb.day(c.LastPurchase), c.Segment)
}

// purchaseColumns are the columns of the Purchases sheet.
func (wb *workbook) purchaseColumns() []column {
	st := wb.st
	return []column{
		{title: "Date", width: 17, style: st.dateTime},
		{title: "Customer", width: 28, style: st.text},
		{title: "Description", width: 30, style: st.text},
		{title: "Payment method", width: 16, style: st.text},
		{title: "Amount", width: 14, style: st.money, sum: true, total: st.totalMoney},
		{title: "Points", width: 10, style: st.integer, sum: true, total: st.totalInt},
	}
}

// purchaseValues are the cells of one purchase's row, appended to v[:0].
func (wb *workbook) purchaseValues(p *data.ReportPurchase, v []any) []any {
	return append(v[:0], wb.local(p.At), p.CustomerName, p.Description, p.PaymentMethod, money(p.AmountCents), p.Points)
}

// writeCustomersAndPurchases streams the Customers sheet (one row per
// customer active in the period or holding points at its end) and the
// Purchases sheet (the period's ledger) at the same time: both queries
// step through the snapshot while this goroutine writes whichever rows
// arrive. On the way it keeps the top spenders and sums the revenue by
// month for the Summary.
func (wb *workbook) writeCustomersAndPurchases(r *data.ReportReader) error {
	cust, err := wb.newDataSheet(SheetCustomers, wb.customerColumns())
	if err != nil {
		return err
	}
	purch, err := wb.newDataSheet(SheetPurchases, wb.purchaseColumns())
	if err != nil {
		return err
	}
	start, end := wb.period.Start(wb.loc), wb.period.End(wb.loc)
	var cv, pv []any
	err = pipe2(func(emit func(*data.ReportCustomer) error) error {
		return r.Customers(start, end, emit)
	}, func(c *data.ReportCustomer) error {
		wb.noteTop(c)
		cv = wb.customerValues(c, cv)
		return cust.add(cv...)
	}, func(emit func(*data.ReportPurchase) error) error {
		return r.Purchases(start, end, emit)
	}, func(p *data.ReportPurchase) error {
		wb.noteMonth(p)
		pv = wb.purchaseValues(p, pv)
		return purch.add(pv...)
	})
	if err != nil {
		return err
	}
	wb.head.CustomerRows, wb.head.PurchaseRows = cust.rows, purch.rows
	if err := cust.finish("Total"); err != nil {
		return err
	}
	return purch.finish("Total")
}

// noteMonth adds a purchase to the revenue of its month.
func (wb *workbook) noteMonth(p *data.ReportPurchase) {
	at := wb.local(p.At)
	key := at.Year()*12 + int(at.Month()) - 1
	b := wb.buckets[key]
	b.Purchases++
	b.RevenueCents += p.AmountCents
	wb.buckets[key] = b
}

// rewardColumns are the columns of the Rewards sheet.
func (wb *workbook) rewardColumns() []column {
	st := wb.st
	return []column{
		{title: "Date", width: 17, style: st.dateTime},
		{title: "Customer", width: 28, style: st.text},
		{title: "Reward", width: 34, style: st.text},
		{title: "Points", width: 10, style: st.integer, sum: true, total: st.totalInt},
		{title: "Discount", width: 14, style: st.money, sum: true, total: st.totalMoney},
	}
}

// rewardValues are the cells of one redemption's row, appended to v[:0].
func (wb *workbook) rewardValues(e *data.ReportRedemption, v []any) []any {
	return append(v[:0], wb.local(e.At), e.CustomerName, e.Reward, e.Points, money(e.ValueCents))
}

// writeRewards writes the rewards redeemed in the period: discounts given
// for points, never payments.
func (wb *workbook) writeRewards(r *data.ReportReader) error {
	d, err := wb.newDataSheet(SheetRewards, wb.rewardColumns())
	if err != nil {
		return err
	}
	var v []any
	err = pipe(func(emit func(*data.ReportRedemption) error) error {
		return r.Redemptions(wb.period.Start(wb.loc), wb.period.End(wb.loc), emit)
	}, func(e *data.ReportRedemption) error {
		v = wb.rewardValues(e, v)
		return d.add(v...)
	})
	if err != nil {
		return err
	}
	wb.head.RedemptionRows = d.rows
	return d.finish("Total discounts")
}

// topCount is how many customers the Summary's top list shows.
const topCount = 10

// noteTop keeps the topCount customers with the highest spend in the
// period (ties: the lower id first).
func (wb *workbook) noteTop(c *data.ReportCustomer) {
	if c.SpendCents <= 0 {
		return
	}
	i := len(wb.top)
	for i > 0 && (wb.top[i-1].SpendCents < c.SpendCents ||
		wb.top[i-1].SpendCents == c.SpendCents && wb.top[i-1].ID > c.ID) {
		i--
	}
	if i >= topCount {
		return
	}
	wb.top = append(wb.top, data.ReportCustomer{})
	copy(wb.top[i+1:], wb.top[i:])
	wb.top[i] = *c
	if len(wb.top) > topCount {
		wb.top = wb.top[:topCount]
	}
}
