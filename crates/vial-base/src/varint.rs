//! Unsigned numbers as LEB128: seven bits a byte, low bits first, the top
//! bit set on every byte but the last. Lists that are held for a whole
//! build (postings, what each page read) are kept this way, as gaps
//! between sorted numbers: most take a byte or two instead of four.

/// Appends `n`.
pub fn push(bytes: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        bytes.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    bytes.push(n as u8);
}

/// The next number of `bytes`, or `None` at their end.
pub fn next(bytes: &mut std::slice::Iter<'_, u8>) -> Option<u64> {
    let (mut n, mut shift) = (0u64, 0);
    loop {
        let byte = *bytes.next()?;
        n |= u64::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return Some(n);
        }
        shift += 7;
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_come_back_in_as_few_bytes_as_they_need() {
        let numbers = [
            0,
            1,
            127,
            128,
            300,
            16_383,
            16_384,
            u64::from(u32::MAX),
            u64::MAX,
        ];
        let mut bytes = Vec::new();
        for n in numbers {
            super::push(&mut bytes, n);
        }
        assert_eq!(bytes.len(), 1 + 1 + 1 + 2 + 2 + 2 + 3 + 5 + 10);
        let mut read = bytes.iter();
        let back: Vec<u64> = std::iter::from_fn(|| super::next(&mut read)).collect();
        assert_eq!(back, numbers);
    }
}
