package reports

import (
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/regulars/regulars/data"
)

// customerColumns are the columns of the Customers sheet.
func (wb *workbook) customerColumns() []column {
	st := wb.st
	return []column{
		{title: lang.L("Name"), width: 28, style: st.text},
		{title: lang.L("Phone"), width: 18, style: st.text},
		{title: lang.L("Email"), width: 30, style: st.text},
		{title: lang.L("Tier"), width: 10, style: st.text},
		{title: lang.L("Points balance"), width: 14, style: st.integer, sum: true, total: st.totalInt},
		{title: lang.L("Points earned"), width: 14, style: st.integer, sum: true, total: st.totalInt},
		{title: lang.L("Points redeemed"), width: 15, style: st.integer, sum: true, total: st.totalInt},
		{title: lang.L("Purchases"), width: 11, style: st.integer, sum: true, total: st.totalInt},
		{title: lang.L("Spend in period"), width: 16, style: st.money, sum: true, total: st.totalMoney},
		{title: lang.L("Lifetime spend"), width: 16, style: st.money, sum: true, total: st.totalMoney},
		{title: lang.L("First purchase"), width: 15, style: st.date},
		{title: lang.L("Last purchase"), width: 15, style: st.date},
		{title: lang.L("Segment"), width: 14, style: st.text},
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
		{title: lang.L("Date"), width: 17, style: st.dateTime},
		{title: lang.L("Customer"), width: 28, style: st.text},
		{title: lang.X("label.description", "Description"), width: 30, style: st.text},
		{title: lang.L("Payment method"), width: 16, style: st.text},
		{title: lang.L("Amount"), width: 14, style: st.money, sum: true, total: st.totalMoney},
		{title: lang.L("Points"), width: 10, style: st.integer, sum: true, total: st.totalInt},
	}
}

// purchaseValues are the cells of one purchase's row, appended to v[:0].
func (wb *workbook) purchaseValues(p *data.ReportPurchase, v []any) []any {
	return append(v[:0], wb.local(p.At), p.CustomerName, p.Description, p.PaymentMethod, money(p.AmountCents), p.Points)
}

// writeCustomers writes the Customers sheet: one row per customer active
// in the period or holding points at its end, written as the query steps
// through them. On the way it keeps the top spenders for the Summary.
func (wb *workbook) writeCustomers(r *data.ReportReader, d *dataSheet) error {
	var v []any
	return r.Customers(wb.period.Start(wb.loc), wb.period.End(wb.loc), func(c *data.ReportCustomer) error {
		if err := wb.stopped(); err != nil {
			return err
		}
		wb.noteTop(c)
		v = wb.customerValues(c, v)
		return d.add(v...)
	})
}

// writePurchases writes the Purchases sheet, the period's ledger: the
// query steps through the snapshot on its own goroutine while this one
// writes the rows. On the way it sums the revenue by month for the
// Summary. It calls markScanned when the first row arrives.
func (wb *workbook) writePurchases(r *data.ReportReader, d *dataSheet) error {
	start, end := wb.period.Start(wb.loc), wb.period.End(wb.loc)
	var v []any
	return pipe(func(emit func(*data.ReportPurchase) error) error {
		return r.Purchases(start, end, func(p *data.ReportPurchase) error {
			wb.markScanned()
			return emit(p)
		})
	}, func(p *data.ReportPurchase) error {
		if err := wb.stopped(); err != nil {
			return err
		}
		wb.noteMonth(p)
		v = wb.purchaseValues(p, v)
		return d.add(v...)
	})
}

// monthSpan is one calendar month: its key (year*12 + month - 1) and
// where it starts and ends, in Unix seconds.
type monthSpan struct {
	from, to int64
	key      int
}

// noteMonth adds a purchase to the revenue of its month. The purchases
// come in time order: the month of the last one is kept, in Unix seconds,
// so that most purchases need no calendar arithmetic.
func (wb *workbook) noteMonth(p *data.ReportPurchase) {
	m := &wb.month
	if at := p.At.Unix(); at < m.from || at >= m.to {
		y, mon, _ := p.At.In(wb.loc).Date()
		m.from, m.to = time.Date(y, mon, 1, 0, 0, 0, 0, wb.loc).Unix(), time.Date(y, mon+1, 1, 0, 0, 0, 0, wb.loc).Unix()
		m.key = y*12 + int(mon) - 1
	}
	b := wb.buckets[m.key]
	b.Purchases++
	b.RevenueCents += p.AmountCents
	wb.buckets[m.key] = b
}

// rewardColumns are the columns of the Rewards sheet.
func (wb *workbook) rewardColumns() []column {
	st := wb.st
	return []column{
		{title: lang.L("Date"), width: 17, style: st.dateTime},
		{title: lang.L("Customer"), width: 28, style: st.text},
		{title: lang.L("Reward"), width: 34, style: st.text},
		{title: lang.L("Points"), width: 10, style: st.integer, sum: true, total: st.totalInt},
		{title: lang.L("Discount"), width: 14, style: st.money, sum: true, total: st.totalMoney},
	}
}

// rewardValues are the cells of one redemption's row, appended to v[:0].
func (wb *workbook) rewardValues(e *data.ReportRedemption, v []any) []any {
	return append(v[:0], wb.local(e.At), e.CustomerName, e.Reward, e.Points, money(e.ValueCents))
}

// writeRewards writes the rewards redeemed in the period: discounts given
// for points, never payments.
func (wb *workbook) writeRewards(r *data.ReportReader, d *dataSheet) error {
	var v []any
	return r.Redemptions(wb.period.Start(wb.loc), wb.period.End(wb.loc), func(e *data.ReportRedemption) error {
		if err := wb.stopped(); err != nil {
			return err
		}
		v = wb.rewardValues(e, v)
		return d.add(v...)
	})
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
