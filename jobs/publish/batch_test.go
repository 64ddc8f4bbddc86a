package publish

import (
	"context"
	"sync"
	"testing"
	"time"
)

type countingConnector struct {
	max   int
	mu    sync.Mutex
	calls [][]Item
}

func (c *countingConnector) MaxBatch() int { return c.max }

func (c *countingConnector) Publish(_ context.Context, items []Item) ([]Outcome, error) {
	c.mu.Lock()
	c.calls = append(c.calls, items)
	c.mu.Unlock()
	out := make([]Outcome, len(items))
	for i, it := range items {
		out[i] = Outcome{ExternalID: it.IdempotencyKey}
	}
	return out, nil
}

func TestBatcherSharesCallsUpToMaxBatch(t *testing.T) {
	for _, tt := range []struct {
		max, jobs, wantCalls int
	}{
		{1, 5, 5},
		{3, 6, 2},
		{100, 10, 1},
	} {
		conn := &countingConnector{max: tt.max}
		b := &batcher{window: 200 * time.Millisecond}
		var wg sync.WaitGroup
		for i := range tt.jobs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				key := string(rune('a' + i))
				if out := b.send(context.Background(), 1, conn, Item{IdempotencyKey: key}); out.ExternalID != key {
					t.Errorf("job %s got the outcome of %s", key, out.ExternalID)
				}
			}()
		}
		wg.Wait()
		if len(conn.calls) != tt.wantCalls {
			t.Errorf("max %d, %d jobs: %d calls, want %d", tt.max, tt.jobs, len(conn.calls), tt.wantCalls)
		}
		for _, c := range conn.calls {
			if len(c) > tt.max {
				t.Errorf("a call carried %d items, over MaxBatch %d", len(c), tt.max)
			}
		}
	}
}
