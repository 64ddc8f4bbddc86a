package publish

import (
	"context"
	"sync"
	"time"
)

// batcher lets jobs of one channel that run at the same time share one connector call of
// up to MaxBatch items (WooCommerce's products/batch takes 100): the first job to arrive
// waits a few milliseconds for others, then sends them all and hands each its outcome. A
// channel with MaxBatch 1 sends at once.
type batcher struct {
	window time.Duration
	mu     sync.Mutex
	open   map[int64]*batch
}

type batch struct {
	items []Item
	full  chan struct{}
	done  chan struct{}
	out   []Outcome
	err   error
}

// send publishes item through conn, possibly with other jobs' items.
func (b *batcher) send(ctx context.Context, channelID int64, conn Connector, item Item) Outcome {
	max := max(conn.MaxBatch(), 1)
	b.mu.Lock()
	if b.open == nil {
		b.open = map[int64]*batch{}
	}
	bt, joined := b.open[channelID]
	if !joined {
		bt = &batch{full: make(chan struct{}), done: make(chan struct{})}
		b.open[channelID] = bt
	}
	idx := len(bt.items)
	bt.items = append(bt.items, item)
	if len(bt.items) >= max {
		delete(b.open, channelID)
		close(bt.full)
	}
	b.mu.Unlock()

	if joined {
		select {
		case <-bt.done:
		case <-ctx.Done():
			return Outcome{Err: ctx.Err()}
		}
		return bt.outcome(idx)
	}
	if max > 1 {
		t := time.NewTimer(b.window)
		select {
		case <-bt.full:
		case <-t.C:
		case <-ctx.Done():
		}
		t.Stop()
		b.mu.Lock()
		if b.open[channelID] == bt {
			delete(b.open, channelID)
		}
		b.mu.Unlock()
	}
	bt.out, bt.err = conn.Publish(ctx, bt.items)
	close(bt.done)
	return bt.outcome(idx)
}

func (bt *batch) outcome(i int) Outcome {
	switch {
	case bt.err != nil:
		return Outcome{Err: bt.err}
	case len(bt.out) != len(bt.items):
		return Outcome{Err: &Error{Class: ClassUnavailable, Retry: true, Message: "the connector answered for a different number of items than it was sent"}}
	}
	return bt.out[i]
}
