package calib

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// maxCSVBytes bounds the CSV files read (the in-the-wild release is
// 3.8 MB, awesome-chatgpt-prompts' list 4.1 MB); a longer file is an error.
const maxCSVBytes = 64 << 20

// readCSV reads a CSV file whose first line names its columns, checks
// that the required ones are there, and calls row for each record with
// two lookups of its fields by column name ("" when the column is absent
// or the record short): field gives the text as it is, get trimmed.
func readCSV(path string, required []string, row func(field, get func(string) string)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	lr := &io.LimitedReader{R: f, N: maxCSVBytes + 1}
	r := csv.NewReader(lr)
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return fmt.Errorf("%s: header: %w", path, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(h)] = i
	}
	for _, name := range required {
		if _, ok := col[name]; !ok {
			return fmt.Errorf("%s: no %q column in the header", path, name)
		}
	}
	for {
		rec, err := r.Read()
		if err != nil && lr.N <= 0 {
			return fmt.Errorf("%s: larger than %d MiB", path, maxCSVBytes>>20)
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		field := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return rec[i]
			}
			return ""
		}
		row(field, func(name string) string { return strings.TrimSpace(field(name)) })
	}
}
