package main

import (
	"context"
	"io"

	"gorm.io/gorm"
)

// seedDemo fills an empty database with demo data. (Being written.)
func seedDemo(ctx context.Context, db *gorm.DB, stdout io.Writer) error { return nil }
