package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
)

// Photos returns the photo thumbnails of the given customers, keyed by
// customer ID; customers without a photo are absent. Exports that stream
// customers (which come without photos) fetch the photos a batch at a
// time with it.
func (s *Store) Photos(ctx context.Context, ids []int64) (map[int64][]byte, error) {
	out := make(map[int64][]byte)
	if len(ids) == 0 {
		return out, nil
	}
	js, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	err = queryEach(ctx, s.read, `SELECT customer_id, image FROM customer_photos
		WHERE customer_id IN (SELECT value FROM json_each(?))`, []any{string(js)}, func(r *sql.Rows) error {
		var id int64
		var img []byte
		err := r.Scan(&id, &img)
		out[id] = img
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("photos: %w", err)
	}
	return out, nil
}
