//! Integration tests of scor-kit live in tests/*.rs.
