// Package model is the statistical layer of Ward's prompt-injection
// detector: a logistic-regression model over hashed word and character
// n-gram features, trained offline by ./train on the injection data set and
// embedded in the binary. Score returns a calibrated P(injection) in [0,1]
// with no network access and no model server.
package model

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"sort"
	"sync"
)

//go:embed weights.bin
var embedded []byte

// magic identifies a weights file; the digit is the format version (4:
// 2^18 buckets, character and shape n-grams packed, see gram).
const magic = "WGM4"

// Model is a quantised linear model with Platt calibration.
type Model struct {
	q         []int8              // one weight per bucket, times scale
	scale     float64             // dequantisation factor
	bias      float64             // intercept of the raw margin
	plattA    float64             // calibration slope
	plattB    float64             // calibration intercept
	threshold float64             // chosen operating point on the calibrated score
	length    [LengthBins]float64 // margin offset per length bin (see LengthBin)
}

// LengthBins is the number of text-length bins the model has an offset for.
const LengthBins = 6

// lengthBin is the bin of a normalised text of n bytes: 0 below 128
// bytes, then one bin per doubling, the last from 2 KiB on (longer texts
// are too few among the benign training lines to fit an offset each).
// The features are normalised to unit length, so a long text's margin
// sums many small weights: without an offset per length, long benign
// texts drifted toward injection (dev benign documents under the model
// before the offsets: mean margin -5.0 under 256 bytes, -2.1 from 2 to 4
// KiB, where 7 of 85 scored above 0.85).
func lengthBin(n int) int { return min(LengthBins-1, bits.Len(uint(n>>7))) }

// LengthBin returns the length bin of text as the model sees it.
func LengthBin(text string) int { return lengthBin(len(Normalize(nil, text))) }

// embeddedModel decodes the embedded model on first use, so that
// commands that never judge a prompt (ward scan, ward keys) do not pay
// its 3 MiB of heap and milliseconds of start-up. If the embedded file
// does not decode (only while bootstrapping a retrain), the model is a
// zero model that scores every text 0.5 and the error says why.
var embeddedModel = sync.OnceValues(func() (*Model, error) { return load(embedded) })

// Threshold returns the operating point chosen by the training program on
// the dev split (the score at or above which a text is flagged, for at
// most 0.4% false positives on dev's benign lines, which came to about
// 1% of ordinary prompts from other sources). Callers may use their own.
func Threshold() float64 { return Default().threshold }

// Default returns the embedded model.
func Default() *Model {
	m, _ := embeddedModel()
	return m
}

// Score returns the embedded model's P(injection) for text, in [0,1].
func Score(text string) float64 { return Default().Score(text) }

// Explain returns the k features of text that contribute most to the
// embedded model's score (by absolute contribution), for debugging.
func Explain(text string, k int) []Feature { return Default().Explain(text, k) }

// LoadError reports whether the embedded weights failed to decode.
func LoadError() error {
	_, err := embeddedModel()
	return err
}

func load(b []byte) (*Model, error) {
	m, err := Decode(b)
	if err != nil {
		z, _ := Quantize(make([]float64, Buckets), nil, 0, 1, 0, 0.5)
		return z, fmt.Errorf("guard/model: embedded weights.bin: %w", err)
	}
	return m, nil
}

// Quantize builds a model from float weights (one per bucket), offsets
// per length bin (at most LengthBins; missing ones are 0), an intercept
// and calibration parameters, storing the weights as int8.
func Quantize(w, length []float64, bias, plattA, plattB, threshold float64) (*Model, error) {
	if len(w) != Buckets {
		return nil, fmt.Errorf("guard/model: quantize: %d weights, want %d", len(w), Buckets)
	}
	if len(length) > LengthBins {
		return nil, fmt.Errorf("guard/model: quantize: %d length offsets, want at most %d", len(length), LengthBins)
	}
	var max float64
	for _, x := range w {
		max = math.Max(max, math.Abs(x))
	}
	scale := max / 127
	if scale == 0 {
		scale = 1
	}
	q := make([]int8, Buckets)
	for i, x := range w {
		q[i] = int8(math.Round(x / scale))
	}
	m := &Model{q: q, scale: scale, bias: bias, plattA: plattA, plattB: plattB, threshold: threshold}
	copy(m.length[:], length)
	return m, nil
}

// SetCalibration sets the Platt parameters: Score = sigmoid(a*margin + b).
func (m *Model) SetCalibration(a, b float64) { m.plattA, m.plattB = a, b }

// SetThreshold sets the model's operating point.
func (m *Model) SetThreshold(t float64) { m.threshold = t }

// Threshold returns the model's operating point.
func (m *Model) Threshold() float64 { return m.threshold }

// MarshalBinary encodes the model as a gzip-compressed weights file.
func (m *Model) MarshalBinary() ([]byte, error) {
	var raw bytes.Buffer
	raw.WriteString(magic)
	hdr := []any{uint32(BucketBits), m.scale, m.bias, m.plattA, m.plattB, m.threshold, m.length}
	for _, v := range hdr {
		_ = binary.Write(&raw, binary.LittleEndian, v)
	}
	for _, x := range m.q {
		raw.WriteByte(byte(x))
	}
	var out bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&out, gzip.BestCompression)
	if _, err := zw.Write(raw.Bytes()); err != nil {
		return nil, fmt.Errorf("guard/model: compress weights: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("guard/model: compress weights: %w", err)
	}
	return out.Bytes(), nil
}

// Decode parses a weights file written by MarshalBinary.
func Decode(b []byte) (*Model, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("weights: not gzip: %w", err)
	}
	r := io.LimitReader(zr, int64(headerLen+Buckets+1))
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("weights: decompress: %w", err)
	}
	return parse(raw)
}

// headerLen is the length of a weights file's header: magic, bucket bits,
// five float64 parameters and the length offsets.
const headerLen = len(magic) + 4 + 5*8 + LengthBins*8

// parse decodes the uncompressed weights file.
func parse(raw []byte) (*Model, error) {
	if len(raw) < headerLen || string(raw[:len(magic)]) != magic {
		return nil, errors.New("weights: bad magic or short header")
	}
	if bits := binary.LittleEndian.Uint32(raw[4:]); bits != BucketBits {
		return nil, fmt.Errorf("weights: %d bucket bits, want %d", bits, BucketBits)
	}
	if len(raw) != headerLen+Buckets {
		return nil, fmt.Errorf("weights: %d bytes, want %d", len(raw), headerLen+Buckets)
	}
	f := func(i int) float64 { return math.Float64frombits(binary.LittleEndian.Uint64(raw[8+8*i:])) }
	m := &Model{scale: f(0), bias: f(1), plattA: f(2), plattB: f(3), threshold: f(4), q: make([]int8, Buckets)}
	for i := range m.length {
		m.length[i] = f(5 + i)
	}
	for i, x := range raw[headerLen:] {
		m.q[i] = int8(x)
	}
	return m, nil
}

// Margin returns the uncalibrated linear score of text.
func (m *Model) Margin(text string) float64 {
	sc := getScratch()
	sc.use(m)
	sc.text = Normalize(sc.text[:0], text)
	sc.extract(text, nil)
	z := m.margin(sc)
	putScratch(sc)
	return z
}

// margin returns the linear score of the features counted in sc, whose
// cells hold m's weights.
func (m *Model) margin(sc *scratch) float64 {
	var dot, ss float32
	for _, b := range sc.touched {
		c := sc.cells[b&(Buckets-1)]
		v := tfTable[c>>8]
		dot += v * float32(int8(c))
		ss += v * v
	}
	z := m.bias + m.length[lengthBin(len(sc.text))]
	if ss > 0 {
		z += m.scale * float64(dot) / math.Sqrt(float64(ss))
	}
	return z
}

// Score returns the calibrated P(injection) for text, in [0,1].
func (m *Model) Score(text string) float64 {
	return Sigmoid(m.plattA*m.Margin(text) + m.plattB)
}

// Sigmoid is the logistic function, clamped to [0,1] for any input.
func Sigmoid(z float64) float64 {
	if math.IsNaN(z) {
		return 0.5
	}
	return 1 / (1 + math.Exp(-z))
}

// Feature is one hashed feature of a text and its contribution to the margin.
type Feature struct {
	Kind         string  // "word", "bigram", "char" or "shape"
	Text         string  // the n-gram as seen in the normalised text
	Contribution float64 // weight times normalised value; > 0 pushes toward injection
}

// Explain returns the k features of text with the largest absolute
// contribution to the margin.
func (m *Model) Explain(text string, k int) []Feature {
	names := map[uint32]Feature{}
	sc := getScratch()
	defer putScratch(sc)
	sc.text = Normalize(sc.text[:0], text)
	sc.extract(text, func(b uint32, kind int, s string) {
		if _, ok := names[b]; !ok {
			names[b] = Feature{Kind: kindName(kind), Text: s}
		}
	})
	var ss float64
	for _, b := range sc.touched {
		v := float64(tfTable[sc.count(b)])
		ss += v * v
	}
	out := make([]Feature, 0, len(sc.touched))
	for _, b := range sc.touched {
		f := names[b]
		f.Contribution = m.scale * float64(m.q[b]) * float64(tfTable[sc.count(b)]) / math.Sqrt(ss)
		if f.Contribution != 0 {
			out = append(out, f)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		ai, aj := math.Abs(out[i].Contribution), math.Abs(out[j].Contribution)
		if ai != aj {
			return ai > aj
		}
		return out[i].Text < out[j].Text
	})
	if k >= 0 && k < len(out) {
		out = out[:k]
	}
	return out
}

func kindName(k int) string {
	switch k {
	case kindWord:
		return "word"
	case kindBigram:
		return "bigram"
	case kindShape:
		return "shape"
	}
	return "char"
}
