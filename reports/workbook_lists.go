package reports

import (
	"github.com/regulars/regulars/data"
)

// writeCustomers writes one row per customer active in the period or
// holding points at its end.
func (wb *workbook) writeCustomers(r *data.ReportReader) error {
	st := wb.st
	d, err := wb.newDataSheet(SheetCustomers, []column{
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
	})
	if err != nil {
		return err
	}
	err = pipe(func(emit func(*data.ReportCustomer) error) error {
		return r.Customers(wb.period.Start(wb.loc), wb.period.End(wb.loc), emit)
	}, func(c *data.ReportCustomer) error {
		wb.noteTop(c)
		return d.add(c.Name, c.Phone, c.Email, c.Tier, c.Points, c.PointsEarned, c.PointsSpent, c.Purchases,
			money(c.SpendCents), money(c.LifetimeCents), wb.day(c.FirstPurchase), wb.day(c.LastPurchase))
	})
	if err != nil {
		return err
	}
	wb.head.CustomerRows = d.rows
	return d.finish("Total")
}

// writePurchases writes the period's purchase ledger with SUM totals.
func (wb *workbook) writePurchases(r *data.ReportReader) error {
	st := wb.st
	d, err := wb.newDataSheet(SheetPurchases, []column{
		{title: "Date", width: 17, style: st.dateTime},
		{title: "Customer", width: 28, style: st.text},
		{title: "Description", width: 30, style: st.text},
		{title: "Payment method", width: 16, style: st.text},
		{title: "Amount", width: 14, style: st.money, sum: true, total: st.totalMoney},
		{title: "Points", width: 10, style: st.integer, sum: true, total: st.totalInt},
	})
	if err != nil {
		return err
	}
	err = pipe(func(emit func(*data.ReportPurchase) error) error {
		return r.Purchases(wb.period.Start(wb.loc), wb.period.End(wb.loc), emit)
	}, func(p *data.ReportPurchase) error {
		at := wb.local(p.At)
		key := at.Year()*12 + int(at.Month()) - 1
		b := wb.buckets[key]
		b.Purchases++
		b.RevenueCents += p.AmountCents
		wb.buckets[key] = b
		return d.add(at, p.CustomerName, p.Description, p.PaymentMethod, money(p.AmountCents), p.Points)
	})
	if err != nil {
		return err
	}
	wb.head.PurchaseRows = d.rows
	return d.finish("Total")
}

// writeRewards writes the rewards redeemed in the period: discounts given
// for points, never payments.
func (wb *workbook) writeRewards(r *data.ReportReader) error {
	st := wb.st
	d, err := wb.newDataSheet(SheetRewards, []column{
		{title: "Date", width: 17, style: st.dateTime},
		{title: "Customer", width: 28, style: st.text},
		{title: "Reward", width: 34, style: st.text},
		{title: "Points", width: 10, style: st.integer, sum: true, total: st.totalInt},
		{title: "Discount", width: 14, style: st.money, sum: true, total: st.totalMoney},
	})
	if err != nil {
		return err
	}
	err = pipe(func(emit func(*data.ReportRedemption) error) error {
		return r.Redemptions(wb.period.Start(wb.loc), wb.period.End(wb.loc), emit)
	}, func(e *data.ReportRedemption) error {
		return d.add(wb.local(e.At), e.CustomerName, e.Reward, e.Points, money(e.ValueCents))
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
// period (ties: the lower id first, as the store orders them).
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
