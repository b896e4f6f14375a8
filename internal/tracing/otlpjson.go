package tracing

import (
	"encoding/json"
	"strconv"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// The OTLP JSON encoding of ExportTraceServiceRequest
// (opentelemetry-proto, trace/v1): ids are hex strings, 64-bit integers
// decimal strings, enums numbers.
type (
	otlpRequest struct {
		ResourceSpans []resourceSpans `json:"resourceSpans"`
	}
	resourceSpans struct {
		Resource   otlpResource `json:"resource"`
		ScopeSpans []scopeSpans `json:"scopeSpans"`
	}
	otlpResource struct {
		Attributes []keyValue `json:"attributes"`
	}
	scopeSpans struct {
		Scope struct {
			Name    string `json:"name"`
			Version string `json:"version,omitempty"`
		} `json:"scope"`
		Spans []span `json:"spans"`
	}
	span struct {
		TraceID           string     `json:"traceId"`
		SpanID            string     `json:"spanId"`
		ParentSpanID      string     `json:"parentSpanId,omitempty"`
		Name              string     `json:"name"`
		Kind              int        `json:"kind"`
		StartTimeUnixNano string     `json:"startTimeUnixNano"`
		EndTimeUnixNano   string     `json:"endTimeUnixNano"`
		Attributes        []keyValue `json:"attributes,omitempty"`
		Status            status     `json:"status"`
	}
	status struct {
		Code    int    `json:"code,omitempty"`
		Message string `json:"message,omitempty"`
	}
	keyValue struct {
		Key   string   `json:"key"`
		Value anyValue `json:"value"`
	}
	anyValue struct {
		String *string  `json:"stringValue,omitempty"`
		Bool   *bool    `json:"boolValue,omitempty"`
		Int    *string  `json:"intValue,omitempty"`
		Double *float64 `json:"doubleValue,omitempty"`
	}
)

// encode writes spans as one OTLP JSON request, grouped by resource and
// instrumentation scope.
func encode(spans []sdktrace.ReadOnlySpan) ([]byte, error) {
	var req otlpRequest
	type scopeKey struct{ res, name, version string }
	index := map[scopeKey][2]int{}
	resIndex := map[string]int{}
	for _, s := range spans {
		res := s.Resource().Encoded(attribute.DefaultEncoder())
		ri, ok := resIndex[res]
		if !ok {
			ri = len(req.ResourceSpans)
			resIndex[res] = ri
			req.ResourceSpans = append(req.ResourceSpans, resourceSpans{Resource: otlpResource{Attributes: attrs(s.Resource().Attributes())}})
		}
		sc := s.InstrumentationScope()
		k := scopeKey{res, sc.Name, sc.Version}
		at, ok := index[k]
		if !ok {
			rs := &req.ResourceSpans[ri]
			var ss scopeSpans
			ss.Scope.Name, ss.Scope.Version = sc.Name, sc.Version
			rs.ScopeSpans = append(rs.ScopeSpans, ss)
			at = [2]int{ri, len(rs.ScopeSpans) - 1}
			index[k] = at
		}
		ss := &req.ResourceSpans[at[0]].ScopeSpans[at[1]]
		ss.Spans = append(ss.Spans, toSpan(s))
	}
	return json.Marshal(req)
}

func toSpan(s sdktrace.ReadOnlySpan) span {
	sc := s.SpanContext()
	out := span{
		TraceID: sc.TraceID().String(), SpanID: sc.SpanID().String(), Name: s.Name(),
		Kind:              int(s.SpanKind()), // the API's kinds are OTLP's numbers
		StartTimeUnixNano: strconv.FormatInt(s.StartTime().UnixNano(), 10),
		EndTimeUnixNano:   strconv.FormatInt(s.EndTime().UnixNano(), 10),
		Attributes:        attrs(s.Attributes()),
	}
	if p := s.Parent(); p.IsValid() {
		out.ParentSpanID = p.SpanID().String()
	}
	switch st := s.Status(); st.Code {
	case codes.Ok:
		out.Status.Code = 1
	case codes.Error:
		out.Status = status{Code: 2, Message: st.Description}
	}
	return out
}

func attrs(kvs []attribute.KeyValue) []keyValue {
	out := make([]keyValue, 0, len(kvs))
	for _, kv := range kvs {
		var v anyValue
		switch kv.Value.Type() {
		case attribute.BOOL:
			b := kv.Value.AsBool()
			v.Bool = &b
		case attribute.INT64:
			i := strconv.FormatInt(kv.Value.AsInt64(), 10)
			v.Int = &i
		case attribute.FLOAT64:
			f := kv.Value.AsFloat64()
			v.Double = &f
		default:
			s := kv.Value.Emit()
			v.String = &s
		}
		out = append(out, keyValue{Key: string(kv.Key), Value: v})
	}
	return out
}
