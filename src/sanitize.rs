//! Making untrusted text safe to show in a terminal.
//!
//! Text from a note, a data file or the network may hold escape sequences, bells or
//! bidirectional overrides. None of it is ever written to the terminal as is: every control
//! character is replaced by a visible stand-in (`^[` for ESC, `<U+202E>` for a bidi override),
//! so what the user sees is what the file holds and the screen cannot be reprogrammed.

use std::borrow::Cow;

/// Returns `s` with every control character made visible.
///
/// C0 controls become caret notation (`^[`, `^G`), DEL becomes `^?`, C1 controls and Unicode
/// bidi controls become `<U+XXXX>`. A tab becomes a single space: callers that care about
/// tab stops (code blocks) expand tabs before calling this. The result never contains a byte
/// below 0x20. Borrows when nothing needed replacing, which is the common case.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_replacing) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_visible(&mut out, c);
    }
    Cow::Owned(out)
}

/// Like [`visible`], but tabs move to the next multiple of `tab_width` columns (for source
/// text, where indentation matters).
pub fn visible_with_tabs(s: &str, tab_width: usize) -> Cow<'_, str> {
    if !s.contains('\t') {
        return visible(s);
    }
    let tab_width = tab_width.max(1);
    let mut out = String::with_capacity(s.len() + 16);
    let mut column = 0;
    for c in s.chars() {
        if c == '\t' {
            let n = tab_width - column % tab_width;
            out.extend(std::iter::repeat_n(' ', n));
            column += n;
        } else {
            let before = out.len();
            push_visible(&mut out, c);
            column += unicode_width::UnicodeWidthStr::width(&out[before..]);
        }
    }
    Cow::Owned(out)
}

/// Appends the visible form of one character to `out`.
pub fn push_visible(out: &mut String, c: char) {
    match c {
        '\t' => out.push(' '),
        '\u{0}'..='\u{1f}' => {
            out.push('^');
            out.push((c as u8 + 0x40) as char);
        }
        '\u{7f}' => out.push_str("^?"),
        c if needs_replacing(c) => out.push_str(&format!("<U+{:04X}>", c as u32)),
        c => out.push(c),
    }
}

/// True for characters that must never reach the terminal raw.
pub fn needs_replacing(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200e}' | '\u{200f}' | '\u{061c}'
        | '\u{2028}' | '\u{2029}'
    )
}

/// Decodes bytes as UTF-8, replacing invalid sequences, and says whether any were replaced.
pub fn lossy_utf8(bytes: &[u8]) -> (Cow<'_, str>, bool) {
    let text = String::from_utf8_lossy(bytes);
    let replaced = matches!(text, Cow::Owned(_));
    (text, replaced)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(visible("hello, wörld 日本"), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_and_bell_become_caret_notation() {
        assert_eq!(visible("a\u{1b}[31mb\u{7}"), "a^[[31mb^G");
        assert_eq!(visible("x\u{7f}"), "x^?");
        assert_eq!(visible("\r\n"), "^M^J");
    }

    #[test]
    fn c1_and_bidi_controls_are_named() {
        assert_eq!(visible("\u{9b}2J"), "<U+009B>2J");
        assert_eq!(visible("abc\u{202e}def"), "abc<U+202E>def");
    }

    #[test]
    fn output_never_holds_a_control_byte() {
        let all: String = (0u32..0x300).filter_map(char::from_u32).collect();
        let shown = visible(&all);
        assert!(shown.chars().all(|c| !needs_replacing(c)));
    }

    #[test]
    fn tabs_expand_to_tab_stops() {
        assert_eq!(visible_with_tabs("\tx", 4), "    x");
        assert_eq!(visible_with_tabs("ab\tx\t\u{1b}", 4), "ab  x   ^[");
        assert_eq!(visible_with_tabs("no tabs", 4), "no tabs");
    }

    #[test]
    fn lossy_reports_replacement() {
        assert!(!lossy_utf8(b"ok").1);
        let (text, bad) = lossy_utf8(b"a\xffb");
        assert!(bad);
        assert_eq!(text, "a\u{fffd}b");
    }
}
