//! Badge QR codes: encoding to a module matrix and SVG, decoding camera frames. (Being written.)
