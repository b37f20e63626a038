//! CSV text: decoding, parsing, writing. (Being written.)
