-- Search in name order. Every customer gets a rank (sort_rank), a unique
-- integer that grows with (sort_key, id), and the two search indexes key
-- their rows by it instead of by the customer's id. A full-text index
-- keeps each word's list of matches in rowid order, so the first page of
-- a search in name order is the first rows of that list: read without
-- fetching and sorting every match. Ranks are 2^16 apart, so that new
-- customers fit between their neighbours (data/search_rank.go keeps them).

ALTER TABLE customers ADD COLUMN sort_rank INTEGER;

UPDATE customers SET sort_rank = r.rank
FROM (SELECT id, 2305843009213693952
        + (row_number() OVER (ORDER BY sort_key, id) - 1 - (SELECT count(*) FROM customers) / 2) * 65536 AS rank
      FROM customers) AS r
WHERE r.id = customers.id;

CREATE UNIQUE INDEX customers_rank ON customers (sort_rank);

CREATE VIRTUAL TABLE customer_words_by_rank USING fts5 (
    name, company, email, tags,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);
INSERT INTO customer_words_by_rank (rowid, name, company, email, tags)
    SELECT c.sort_rank, w.name, w.company, w.email, w.tags
    FROM customer_words w JOIN customers c ON c.id = w.rowid ORDER BY c.sort_rank;
DROP TABLE customer_words;
ALTER TABLE customer_words_by_rank RENAME TO customer_words;

CREATE VIRTUAL TABLE customer_digits_by_rank USING fts5 (
    digits,
    tokenize = 'trigram'
);
INSERT INTO customer_digits_by_rank (rowid, digits)
    SELECT c.sort_rank, d.digits
    FROM customer_digits d JOIN customers c ON c.id = d.rowid ORDER BY c.sort_rank;
DROP TABLE customer_digits;
ALTER TABLE customer_digits_by_rank RENAME TO customer_digits;
