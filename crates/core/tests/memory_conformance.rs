//! The repository conformance suite on the in-memory twin.

use jiyn_core::memory::MemoryRepo;

jiyn_core::conformance_tests!(host: || async { MemoryRepo::new() });
