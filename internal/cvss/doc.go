// Package cvss turns CVSS vector strings, as OSV advisories carry them in
// their severity field, into a numeric base score and a qualitative level.
//
// It implements the official FIRST base equations for CVSS v2.0, v3.0, v3.1
// and v4.0:
//
//   - v2.0: the base equation of the CVSS v2 guide, rounded to one decimal.
//   - v3.0: the v3.0 base equation with its simple Roundup (ceiling to one
//     decimal).
//   - v3.1: the same equation with the integer-based Roundup of the v3.1
//     specification (Appendix A), which avoids floating-point surprises.
//   - v4.0: the MacroVector method of the v4.0 specification: the vector is
//     mapped to its equivalence classes EQ1 to EQ6, the MacroVector score is
//     read from the table FIRST publishes with its reference calculator, and
//     the score is interpolated by severity distance inside the MacroVector.
//     The interpolation is computed in exact integer arithmetic and rounded
//     half up, which is what the reference calculator's rounding (value plus
//     a small epsilon) approximates.
//
// Only base scores are produced. Temporal (v2, v3), threat, environmental
// and supplemental (v4) metrics are accepted and validated when present, but
// they never change the result: a v4 vector is always scored as CVSS-B, with
// Exploit Maturity and the security requirements at their defaults, exactly
// as if only its base metrics had been given.
//
// The package must never panic on input and never trust it: vectors longer
// than MaxVectorLen bytes are rejected before any parsing, every mandatory
// metric must appear exactly once, and only the values the specification
// defines are accepted. It imports nothing outside the standard library and
// does no I/O.
package cvss
