// Package data holds Regulars' domain types (customers, purchases, notes,
// settings) with their validation, and the Store that owns every SQL
// statement of the application. Nothing outside this package writes SQL.
//
// The schema lives in numbered, embedded migrations under migrations/;
// each is applied in one transaction together with its bookkeeping row.
package data
