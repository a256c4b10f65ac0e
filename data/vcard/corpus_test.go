package vcard

// corpusDir holds the shared corpus of real-world vCard files
// (see its SOURCES.md), relative to this package.
const corpusDir = "../../../shared/vcards/"
