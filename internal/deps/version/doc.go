// Package version orders package versions the way each ecosystem's own
// tools do, so that OSV affected ranges (introduced, fixed, last_affected,
// limit events) can be evaluated against the version a lockfile pins.
//
// Parse reads a version in an OSV ecosystem's order; ParseSemver reads one
// for ranges of type SEMVER whatever the ecosystem. Every comparator is a
// total order over the values its parser accepts: reflexive, antisymmetric
// and transitive, with Compare returning 0 for versions the ecosystem
// treats as equal (1.0 and 1.0.0 in PyPI, 1.0.0+a and 1.0.0+b in npm).
//
// Orders implemented:
//
//   - SemVer 2.0 (npm, crates.io, Hex, Go, SwiftURL, Bitnami and SEMVER
//     ranges): prerelease identifiers numeric < alphanumeric, build
//     metadata ignored. Leniencies: a leading "v" or "V"; "1" and "1.2"
//     mean 1.0.0 and 1.2.0 (OSV writes introduced "0"); leading zeros
//     in numbers are read as numbers ("01.2.3" equals "1.2.3", as npm's
//     loose mode and pub read them). Go pseudo-versions and +incompatible
//     need nothing special: they are prereleases and build metadata.
//   - Pub: SemVer with build metadata ordered after the plain version
//     (1.0.0 < 1.0.0+1 < 1.0.0+2), as pub_semver does.
//   - PyPI: PEP 440 with its normalisation (spellings of pre, post and
//     dev releases, implicit numbers, separators, case, leading "v",
//     epochs, local versions). Legacy (non PEP 440) versions are errors.
//   - Maven: maven-artifact 3.9's ComparableVersion (items split on ".",
//     "-" and letter/digit transitions, ".qualifier" read as
//     "-qualifier", qualifiers alpha < beta < milestone < rc = cr <
//     snapshot < "" = ga = final = release < sp < unknown ones, trailing
//     null items trimmed at each list, MNG-6964's whole-list comparison
//     with null). ComparableVersion itself is not transitive in corner
//     cases (1-0.alpha < 1 < 1-sp, yet 1-0.alpha > 1-sp); here a zero or
//     a nested list sorts by what follows it, the way Maven compares it
//     with a missing item, which agrees with Maven wherever Maven agrees
//     with itself. Maven 4's combination items are not modelled. Digits
//     and case folding are ASCII only.
//   - RubyGems: Gem::Version (segments split on dots and letter/digit
//     boundaries, "-" read as ".pre.", trailing zeros of the release and
//     of the prerelease part ignored, strings before numbers).
//   - Packagist: Composer's VersionParser normalisation (four numeric
//     parts or a date, stability dev < alpha < beta < RC < stable <
//     patch with optional numbers, "-dev" suffixes, "1.x-dev" branches),
//     compared part by part. Named branches ("dev-main", "master") sort
//     below every numbered version, by name among themselves, so no range
//     starting at "0" or later contains them.
//   - NuGet: NuGet.Versioning (up to four numeric parts with zero
//     padding, SemVer 2 prereleases compared case-insensitively, build
//     metadata ignored).
//   - Hackage and GHC: Cabal's Data.Version order, numeric lists compared
//     lexicographically (1.0 < 1.0.0).
//   - Debian and Ubuntu: dpkg's epoch:upstream-revision order with "~".
//   - RPM distributions (Red Hat, Rocky Linux, AlmaLinux, SUSE, openSUSE,
//     Mageia, openEuler, Photon OS, Azure Linux): rpmvercmp on
//     epoch:version-release with "~" and "^".
//   - Anything else: a generic order over runs of digits (numeric) and
//     letters (case-insensitive, before numbers), other characters
//     separating them, a missing run counting as 0.
//
// All input is untrusted: parsers never panic, use no regular expressions
// and no recursion, reject strings longer than 256 bytes, and trim
// surrounding white space. String returns the trimmed input unchanged.
//
// The package imports only the standard library and never does I/O.
package version
