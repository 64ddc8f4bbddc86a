package main

import (
	"context"
	"fmt"
	"io"
)

func exportCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return fmt.Errorf("export: being written")
}
