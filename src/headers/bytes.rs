//! Byte classes of RFC 9110/9112 and fast scans over them.
//!
//! The scans read eight bytes at a time as one `u64` and use the classic "has a byte below N"
//! bit trick. The trick can flag bytes above a true match (a borrow runs upwards), but never
//! below one, so the lowest flagged byte is always exact, and only that one is used.

/// `tchar` from RFC 9110 section 5.6.2: the bytes allowed in methods and header names.
pub(crate) static TOKEN: [bool; 256] = token_table();

const fn token_table() -> [bool; 256] {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        table[i] = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'!' | b'#'
                    | b'$'
                    | b'%'
                    | b'&'
                    | b'\''
                    | b'*'
                    | b'+'
                    | b'-'
                    | b'.'
                    | b'^'
                    | b'_'
                    | b'`'
                    | b'|'
                    | b'~'
            );
        i += 1;
    }
    table
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Marks (in bit 7 of each byte) the bytes of `word` below `n`, for `n <= 0x80`; exact for the
/// lowest marked byte.
#[inline(always)]
const fn below(word: u64, n: u8) -> u64 {
    word.wrapping_sub(ONES * n as u64) & !word & HIGH
}

/// Marks the bytes of `word` equal to `b`; exact for the lowest marked byte.
#[inline(always)]
const fn equal(word: u64, b: u8) -> u64 {
    below(word ^ (ONES * b as u64), 1)
}

/// Marks the bytes of `word` that are not plain field-value content: C0 controls and DEL.
#[inline(always)]
const fn value_marks(word: u64) -> u64 {
    below(word, 0x20) | equal(word, 0x7F)
}

/// Index of the first byte in `buf[from..]` that is not plain field-value content: a C0
/// control (tab included, which the caller handles) or DEL. Returns `buf.len()` if none.
/// Looks at 16 bytes per step while it can.
#[inline]
pub(crate) fn find_value_special(buf: &[u8], mut from: usize) -> usize {
    while let Some(chunk) = buf.get(from..from + 16) {
        let (Ok(lo), Ok(hi)) = (
            <[u8; 8]>::try_from(&chunk[..8]),
            <[u8; 8]>::try_from(&chunk[8..]),
        ) else {
            break;
        };
        let (lo, hi) = (
            value_marks(u64::from_le_bytes(lo)),
            value_marks(u64::from_le_bytes(hi)),
        );
        if lo | hi != 0 {
            return match lo {
                0 => from + 8 + (hi.trailing_zeros() / 8) as usize,
                _ => from + (lo.trailing_zeros() / 8) as usize,
            };
        }
        from += 16;
    }
    while let Some(chunk) = buf.get(from..from + 8) {
        let Ok(bytes) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let marks = value_marks(u64::from_le_bytes(bytes));
        if marks != 0 {
            return from + (marks.trailing_zeros() / 8) as usize;
        }
        from += 8;
    }
    while let Some(&b) = buf.get(from) {
        if b < 0x20 || b == 0x7F {
            return from;
        }
        from += 1;
    }
    buf.len()
}

/// Index of the first byte in `buf[from..]` that cannot be part of a request target: anything
/// but visible ASCII (0x21-0x7E). Returns `buf.len()` if none.
#[inline]
pub(crate) fn find_target_end(buf: &[u8], mut from: usize) -> usize {
    while let Some(chunk) = buf.get(from..from + 8) {
        let Ok(bytes) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let word = u64::from_le_bytes(bytes);
        let marks = below(word, 0x21) | equal(word, 0x7F) | (word & HIGH);
        if marks != 0 {
            return from + (marks.trailing_zeros() / 8) as usize;
        }
        from += 8;
    }
    while let Some(&b) = buf.get(from) {
        if !(0x21..=0x7E).contains(&b) {
            return from;
        }
        from += 1;
    }
    buf.len()
}

/// Index of the first non-token byte in `buf[from..]`, or `buf.len()`. Looks up four bytes
/// per step with one branch, since names are mostly several bytes long.
#[inline]
pub(crate) fn find_token_end(buf: &[u8], mut from: usize) -> usize {
    while let Some(&[a, b, c, d]) = buf.get(from..from + 4) {
        let all = TOKEN[a as usize] & TOKEN[b as usize] & TOKEN[c as usize] & TOKEN[d as usize];
        if !all {
            break;
        }
        from += 4;
    }
    while let Some(&b) = buf.get(from) {
        if !TOKEN[b as usize] {
            return from;
        }
        from += 1;
    }
    buf.len()
}

/// Counts LF bytes in `buf`, stopping once `cap` is reached: the cheap upper bound on the
/// number of header lines that the count-first variants size their storage with.
pub(crate) fn count_lines(buf: &[u8], cap: usize) -> usize {
    let mut count = 0;
    // Per-chunk sums fit in a u8, which lets the compiler count 16 or 32 bytes per step.
    for chunk in buf.chunks(255) {
        let in_chunk = chunk
            .iter()
            .fold(0u8, |n, &b| n.wrapping_add(u8::from(b == b'\n')));
        count += usize::from(in_chunk);
        if count >= cap {
            return cap;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive_value_special(buf: &[u8], from: usize) -> usize {
        (from..buf.len())
            .find(|&i| buf[i] < 0x20 || buf[i] == 0x7F)
            .unwrap_or(buf.len())
    }

    fn naive_target_end(buf: &[u8], from: usize) -> usize {
        (from..buf.len())
            .find(|&i| !(0x21..=0x7E).contains(&buf[i]))
            .unwrap_or(buf.len())
    }

    #[test]
    fn token_table_matches_rfc_tchar() {
        let tchars =
            b"!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        for b in 0..=255u8 {
            assert_eq!(TOKEN[b as usize], tchars.contains(&b), "byte 0x{b:02X}");
        }
    }

    #[test]
    fn word_scans_agree_with_byte_scans_for_every_byte_at_every_position() {
        for special in 0..=255u8 {
            for pos in 0..40 {
                let mut buf = vec![b'a'; 40];
                buf[pos] = special;
                // A byte above the special one that could mislead a sloppy word scan.
                if pos + 1 < buf.len() {
                    buf[pos + 1] = 0x00;
                }
                for from in [0, 3, 9] {
                    assert_eq!(
                        find_value_special(&buf, from),
                        naive_value_special(&buf, from)
                    );
                    assert_eq!(find_target_end(&buf, from), naive_target_end(&buf, from));
                    let token_end = (from..buf.len()).find(|&i| !TOKEN[buf[i] as usize]);
                    assert_eq!(find_token_end(&buf, from), token_end.unwrap_or(buf.len()));
                }
            }
        }
    }

    #[test]
    fn high_bytes_are_value_content_but_not_target_content() {
        let buf = [b'x', 0x80, 0xFF, b'y'];
        assert_eq!(find_value_special(&buf, 0), buf.len());
        assert_eq!(find_target_end(&buf, 0), 1);
    }

    #[test]
    fn line_count_stops_at_the_cap() {
        let buf = b"a\nb\nc\n\n".repeat(400);
        assert_eq!(count_lines(b"GET / HTTP/1.1\r\nA: b\r\n\r\n", 1000), 3);
        assert_eq!(count_lines(&buf, 1000), 1000);
    }
}
