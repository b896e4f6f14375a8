package vulndb

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"slices"
	"strings"
	"time"
)

// An index file holds one ecosystem's advisories:
//
//	magic "WARDVDB2" | u32 metaLen | u64 tableLen | u64 recordsLen | u32 crc(meta+table)
//	records | meta (JSON) | name table | "WARDEND1" | u64 file size
//
// Records come first so that they can be streamed to disk while the
// archive is read; the header is written last.
// The name table lists normalised package names in byte order, each with
// the spans of its records: uvarint len, name, uvarint n, n × (uvarint
// offset, uvarint length), offsets relative to the records section. Each
// record is a u32 CRC-32 followed by the advisory's trimmed JSON.
const (
	magic       = "WARDVDB2"
	endMagic    = "WARDEND1"
	headerSize  = 8 + 4 + 8 + 8 + 4
	trailerSize = 8 + 8
	// maxHead bounds meta and name table read into memory (a corrupt
	// header must not make Ward allocate gigabytes).
	maxHead = 1 << 30
	// maxRecord bounds one stored advisory.
	maxRecord = 16 << 20
)

// Meta describes an index file; `ward db status` prints it.
type Meta struct {
	Ecosystem string    `json:"ecosystem"`
	Records   int       `json:"records"`
	Packages  int       `json:"packages"`
	Withdrawn int       `json:"withdrawn"`
	Skipped   int       `json:"skipped,omitempty"`
	Built     time.Time `json:"built"`
	Source    string    `json:"source"`
	SHA256    string    `json:"sha256,omitempty"`
	ETag      string    `json:"etag,omitempty"`
	// Newest is the latest "modified" time among the advisories.
	Newest time.Time `json:"newest_modified"`
	Size   int64     `json:"size,omitempty"`
	// Checked is when the archive was last found current: the build, or
	// an update that the server answered "not modified" (the index file's
	// modification time).
	Checked time.Time `json:"checked"`
}

// span locates one record inside the records section.
type span struct{ off, n uint64 }

// indexWriter streams records into an index file and writes the meta,
// name table, trailer and header when finished.
type indexWriter struct {
	f      *os.File
	w      *bufio.Writer
	pos    uint64 // bytes of records written
	byName map[string][]span
	buf    []byte
}

func newIndexWriter(f *os.File) (*indexWriter, error) {
	if _, err := f.Write(make([]byte, headerSize)); err != nil {
		return nil, err
	}
	return &indexWriter{f: f, w: bufio.NewWriterSize(f, 1<<20), byName: map[string][]span{}}, nil
}

// add appends one advisory's JSON under the given normalised names.
func (iw *indexWriter) add(js []byte, names []string) error {
	iw.buf = appendRecord(iw.buf[:0], js)
	s := span{off: iw.pos, n: uint64(len(iw.buf))}
	if _, err := iw.w.Write(iw.buf); err != nil {
		return err
	}
	iw.pos += s.n
	for _, n := range names {
		iw.byName[n] = append(iw.byName[n], s)
	}
	return nil
}

// finish writes meta, the name table, the trailer and then the header.
func (iw *indexWriter) finish(meta Meta) error {
	metaJSON, err := json.Marshal(meta)
	if err != nil {
		return err
	}
	table := encodeTable(iw.byName)
	iw.w.Write(metaJSON)
	iw.w.Write(table)
	size := headerSize + iw.pos + uint64(len(metaJSON)+len(table)) + trailerSize
	var tr [trailerSize]byte
	copy(tr[:8], endMagic)
	binary.LittleEndian.PutUint64(tr[8:], size)
	iw.w.Write(tr[:])
	if err := iw.w.Flush(); err != nil {
		return err
	}
	var hdr [headerSize]byte
	copy(hdr[:8], magic)
	binary.LittleEndian.PutUint32(hdr[8:], uint32(len(metaJSON)))
	binary.LittleEndian.PutUint64(hdr[12:], uint64(len(table)))
	binary.LittleEndian.PutUint64(hdr[20:], iw.pos)
	binary.LittleEndian.PutUint32(hdr[28:], crc32.Update(crc32.ChecksumIEEE(metaJSON), crc32.IEEETable, table))
	_, err = iw.f.WriteAt(hdr[:], 0)
	return err
}

// appendRecord frames one advisory's JSON for the records section.
func appendRecord(dst, js []byte) []byte {
	dst = binary.LittleEndian.AppendUint32(dst, crc32.ChecksumIEEE(js))
	return append(dst, js...)
}

func encodeTable(byName map[string][]span) []byte {
	names := make([]string, 0, len(byName))
	for n := range byName {
		names = append(names, n)
	}
	slices.Sort(names)
	var buf []byte
	for _, n := range names {
		buf = binary.AppendUvarint(buf, uint64(len(n)))
		buf = append(buf, n...)
		spans := byName[n]
		buf = binary.AppendUvarint(buf, uint64(len(spans)))
		for _, s := range spans {
			buf = binary.AppendUvarint(buf, s.off)
			buf = binary.AppendUvarint(buf, s.n)
		}
	}
	return buf
}

// ErrCorrupt reports an index file that is truncated or fails its checks.
var ErrCorrupt = errors.New("database file is corrupt or incomplete")

// index is an open index file.
type index struct {
	f          *os.File
	path       string
	meta       Meta
	table      []byte
	recordsOff int64
	recordsLen uint64
}

// openIndex opens and checks an index file: header, trailer, size and the
// checksum of meta and name table. Records are checked when read.
func openIndex(path string) (*index, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	ix, err := readHead(f, path)
	if err != nil {
		f.Close()
		return nil, err
	}
	return ix, nil
}

func readHead(f *os.File, path string) (*index, error) {
	corrupt := func(why string) error { return fmt.Errorf("%s: %w (%s)", path, ErrCorrupt, why) }
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	size := fi.Size()
	var hdr [headerSize]byte
	if size < headerSize+trailerSize {
		return nil, corrupt("too short")
	}
	if _, err := f.ReadAt(hdr[:], 0); err != nil {
		return nil, corrupt("unreadable header")
	}
	if string(hdr[:8]) != magic {
		return nil, corrupt("not a Ward database file")
	}
	metaLen := uint64(binary.LittleEndian.Uint32(hdr[8:]))
	tableLen := binary.LittleEndian.Uint64(hdr[12:])
	recLen := binary.LittleEndian.Uint64(hdr[20:])
	want := binary.LittleEndian.Uint32(hdr[28:])
	if metaLen+tableLen > maxHead || headerSize+metaLen+tableLen+recLen+trailerSize != uint64(size) {
		return nil, corrupt("sizes do not add up")
	}
	var tr [trailerSize]byte
	if _, err := f.ReadAt(tr[:], size-trailerSize); err != nil || string(tr[:8]) != endMagic ||
		binary.LittleEndian.Uint64(tr[8:]) != uint64(size) {
		return nil, corrupt("truncated")
	}
	head := make([]byte, metaLen+tableLen)
	if _, err := f.ReadAt(head, int64(headerSize+recLen)); err != nil {
		return nil, corrupt("unreadable")
	}
	if crc32.ChecksumIEEE(head) != want {
		return nil, corrupt("checksum mismatch")
	}
	ix := &index{f: f, path: path, table: head[metaLen:], recordsOff: headerSize, recordsLen: recLen}
	if err := json.Unmarshal(head[:metaLen], &ix.meta); err != nil {
		return nil, corrupt("bad metadata")
	}
	ix.meta.Size = size
	ix.meta.Checked = fi.ModTime().UTC().Truncate(time.Second)
	return ix, nil
}

// lookup returns the record spans of each name in names (normalised),
// walking the sorted table once.
func (ix *index) lookup(names []string) (map[string][]span, error) {
	want := slices.Clone(names)
	slices.Sort(want)
	want = slices.Compact(want)
	out := make(map[string][]span)
	t := ix.table
	for len(t) > 0 && len(want) > 0 {
		name, spans, rest, err := nextEntry(t)
		if err != nil {
			return nil, fmt.Errorf("%s: %w (name table)", ix.path, ErrCorrupt)
		}
		t = rest
		for len(want) > 0 && want[0] < string(name) {
			want = want[1:]
		}
		if len(want) > 0 && want[0] == string(name) {
			out[want[0]] = spans()
			want = want[1:]
		}
	}
	return out, nil
}

// nextEntry decodes one name-table entry; spans decodes its spans only
// when the name is wanted.
func nextEntry(t []byte) (name []byte, spans func() []span, rest []byte, err error) {
	n, k := binary.Uvarint(t)
	if k <= 0 || uint64(len(t)-k) < n {
		return nil, nil, nil, ErrCorrupt
	}
	name, t = t[k:k+int(n)], t[k+int(n):]
	cnt, k := binary.Uvarint(t)
	if k <= 0 || cnt > uint64(len(t)) {
		return nil, nil, nil, ErrCorrupt
	}
	t = t[k:]
	start := t
	for range cnt {
		for range 2 {
			_, k := binary.Uvarint(t)
			if k <= 0 {
				return nil, nil, nil, ErrCorrupt
			}
			t = t[k:]
		}
	}
	body := start[:len(start)-len(t)]
	return name, func() []span {
		out := make([]span, cnt)
		for i := range out {
			o, k := binary.Uvarint(body)
			body = body[k:]
			l, k := binary.Uvarint(body)
			body = body[k:]
			out[i] = span{o, l}
		}
		return out
	}, t, nil
}

// read returns the advisory stored at s, checking its CRC.
func (ix *index) read(s span) (*Advisory, error) {
	if s.n < 4 || s.n > maxRecord || s.off+s.n > ix.recordsLen {
		return nil, fmt.Errorf("%s: %w (record out of range)", ix.path, ErrCorrupt)
	}
	buf := make([]byte, s.n)
	if _, err := ix.f.ReadAt(buf, ix.recordsOff+int64(s.off)); err != nil {
		return nil, fmt.Errorf("%s: %w (%v)", ix.path, ErrCorrupt, err)
	}
	if crc32.ChecksumIEEE(buf[4:]) != binary.LittleEndian.Uint32(buf) {
		return nil, fmt.Errorf("%s: %w (record checksum)", ix.path, ErrCorrupt)
	}
	a := new(Advisory)
	if err := json.Unmarshal(buf[4:], a); err != nil {
		return nil, fmt.Errorf("%s: %w (record: %v)", ix.path, ErrCorrupt, err)
	}
	return a, nil
}

func (ix *index) close() error { return ix.f.Close() }

// fileName is the index file of an ecosystem inside the database folder.
func fileName(eco string) string {
	return strings.NewReplacer("/", "_", "\\", "_", ":", "_").Replace(eco) + ".wdb"
}

// verify checks every record's CRC, reading the records section once in
// order; `ward db status` runs it so a damaged record is found before a
// scan trips on it.
func (ix *index) verify() error {
	seen := map[span]bool{}
	var spans []span
	for t := ix.table; len(t) > 0; {
		_, get, rest, err := nextEntry(t)
		if err != nil {
			return fmt.Errorf("%s: %w (name table)", ix.path, ErrCorrupt)
		}
		for _, s := range get() {
			if !seen[s] {
				seen[s] = true
				spans = append(spans, s)
			}
		}
		t = rest
	}
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.off, b.off) })
	r := bufio.NewReaderSize(io.NewSectionReader(ix.f, ix.recordsOff, int64(ix.recordsLen)), 1<<20)
	var pos uint64
	buf := make([]byte, 0, 4096)
	for _, s := range spans {
		if s.off < pos || s.n < 4 || s.n > maxRecord || s.off+s.n > ix.recordsLen {
			return fmt.Errorf("%s: %w (record out of range)", ix.path, ErrCorrupt)
		}
		if _, err := r.Discard(int(s.off - pos)); err != nil {
			return fmt.Errorf("%s: %w (%v)", ix.path, ErrCorrupt, err)
		}
		buf = slices.Grow(buf[:0], int(s.n))[:s.n]
		if _, err := io.ReadFull(r, buf); err != nil {
			return fmt.Errorf("%s: %w (%v)", ix.path, ErrCorrupt, err)
		}
		if crc32.ChecksumIEEE(buf[4:]) != binary.LittleEndian.Uint32(buf) {
			return fmt.Errorf("%s: %w (record checksum at %d)", ix.path, ErrCorrupt, s.off)
		}
		pos = s.off + s.n
	}
	return nil
}
