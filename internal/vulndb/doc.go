// Package vulndb is Ward's offline copy of the OSV database: it downloads
// or imports the per-ecosystem all.zip archives, builds one index file per
// ecosystem so a scan reads only the advisories of the packages it has, and
// matches packages against advisories in each ecosystem's version order.
//
// A scan never touches the network: only Update does, and only when asked.
// Index files carry checksums; a corrupt or truncated one is reported with
// the command that rebuilds it, never silently used.
package vulndb
