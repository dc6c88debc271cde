//! Every parsing rule, checked against every variant.

use super::*;

/// Byte offset of the first occurrence of `needle` in `input`.
fn at(input: &[u8], needle: &[u8]) -> usize {
    input
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("needle in input")
}

/// The expected result for a `GET /` head of `head_len` bytes.
fn head(head_len: usize, fields: &[(&str, &[u8])]) -> Comparable {
    let line = RequestLine {
        method: "GET",
        target: "/",
        version: Version::Http11,
    };
    let mut out = Comparable::new(line, head_len);
    for (name, value) in fields {
        out.push(name, value);
    }
    out
}

/// Asserts that every variant gives `expected` for `input`.
fn check(input: &[u8], limits: &Limits, expected: &Result<Comparable, ParseError>) {
    for variant in Variant::ALL {
        let got = variant.parse_comparable(input, limits);
        assert_eq!(
            &got,
            expected,
            "variant {variant} on {:?}",
            input.escape_ascii().to_string()
        );
    }
}

/// Asserts that every variant accepts `input`, all of it head, with these fields.
fn accepts(input: &[u8], fields: &[(&str, &[u8])]) {
    check(input, &Limits::default(), &Ok(head(input.len(), fields)));
}

/// Asserts that every variant rejects `input` with this error.
fn rejects(input: &[u8], kind: ErrorKind, offset: usize) {
    rejects_with(input, &Limits::default(), kind, offset);
}

fn rejects_with(input: &[u8], limits: &Limits, kind: ErrorKind, offset: usize) {
    check(input, limits, &Err(ParseError { kind, offset }));
}

#[test]
fn plain_crlf_head() {
    accepts(
        b"GET / HTTP/1.1\r\nHost: a\r\nAccept: */*\r\n\r\n",
        &[("host", b"a"), ("accept", b"*/*")],
    );
}

#[test]
fn bare_lf_line_ends_everywhere() {
    accepts(
        b"GET / HTTP/1.1\nHost: a\r\nAccept: b\n\n",
        &[("host", b"a"), ("accept", b"b")],
    );
}

#[test]
fn empty_lines_before_the_request_line_are_skipped() {
    accepts(
        b"\r\n\nGET / HTTP/1.1\r\nHost: a\r\n\r\n",
        &[("host", b"a")],
    );
}

#[test]
fn high_bytes_in_values_are_opaque() {
    accepts(
        b"GET / HTTP/1.1\r\nX: caf\xc3\xa9 \xff\x80\r\n\r\n",
        &[("x", b"caf\xc3\xa9 \xff\x80")],
    );
}

#[test]
fn spaces_and_tabs_are_stripped_around_values_only() {
    accepts(
        b"GET / HTTP/1.1\r\nX: \t a \t b\t \r\nY:c\r\n\r\n",
        &[("x", b"a \t b"), ("y", b"c")],
    );
}

#[test]
fn empty_values_are_kept() {
    accepts(
        b"GET / HTTP/1.1\r\nX:\r\nY:   \r\n\r\n",
        &[("x", b""), ("y", b"")],
    );
}

#[test]
fn duplicates_are_kept_in_order_across_case() {
    let input = b"GET / HTTP/1.1\r\nContent-Length: 5\r\nHost: h\r\ncontent-length: 6\r\n\r\n";
    accepts(
        input,
        &[
            ("content-length", b"5"),
            ("content-length", b"6"),
            ("host", b"h"),
        ],
    );
}

#[test]
fn a_body_after_the_head_is_not_read() {
    let input = b"GET / HTTP/1.1\r\nHost: a\r\n\r\n\x00\x01 not a header\r\n";
    let head_len = at(input, b"\x00");
    check(
        input,
        &Limits::default(),
        &Ok(head(head_len, &[("host", b"a")])),
    );
}

#[test]
fn http_10_and_no_headers() {
    let input = b"POST /submit?x=1 HTTP/1.0\r\n\r\n";
    let line = RequestLine {
        method: "POST",
        target: "/submit?x=1",
        version: Version::Http10,
    };
    check(
        input,
        &Limits::default(),
        &Ok(Comparable::new(line, input.len())),
    );
}

#[test]
fn space_before_colon() {
    let input = b"GET / HTTP/1.1\r\nHost : a\r\n\r\n";
    rejects(input, ErrorKind::SpaceBeforeColon, at(input, b" :"));
    let input = b"GET / HTTP/1.1\r\nHost\t: a\r\n\r\n";
    rejects(input, ErrorKind::SpaceBeforeColon, at(input, b"\t:"));
}

#[test]
fn space_inside_a_name() {
    let input = b"GET / HTTP/1.1\r\nHo st: a\r\n\r\n";
    rejects(input, ErrorKind::NameByte { byte: b' ' }, at(input, b" st"));
}

#[test]
fn obs_fold_continuation() {
    let input = b"GET / HTTP/1.1\r\nX: a\r\n  b\r\n\r\n";
    rejects(input, ErrorKind::ObsFold, at(input, b"  b"));
    let input = b"GET / HTTP/1.1\r\nX: a\r\n\tb\r\n\r\n";
    rejects(input, ErrorKind::ObsFold, at(input, b"\tb"));
}

#[test]
fn whitespace_led_first_header_line() {
    let input = b"GET / HTTP/1.1\r\n Host: a\r\n\r\n";
    rejects(input, ErrorKind::LeadingWhitespace, at(input, b" Host"));
}

#[test]
fn empty_and_non_token_names() {
    let input = b"GET / HTTP/1.1\r\n: a\r\n\r\n";
    rejects(input, ErrorKind::EmptyName, at(input, b": a"));
    let input = b"GET / HTTP/1.1\r\nHo(st: a\r\n\r\n";
    rejects(input, ErrorKind::NameByte { byte: b'(' }, at(input, b"("));
    let input = b"GET / HTTP/1.1\r\nH\xc3\xb6st: a\r\n\r\n";
    rejects(
        input,
        ErrorKind::NameByte { byte: 0xC3 },
        at(input, b"\xc3"),
    );
    let input = b"GET / HTTP/1.1\r\nHost\r\n\r\n";
    rejects(input, ErrorKind::MissingColon, at(input, b"\r\n\r\n"));
}

#[test]
fn control_bytes_inside_values() {
    for (byte, kind) in [
        (0x00, ErrorKind::ValueByte { byte: 0x00 }),
        (0x7F, ErrorKind::ValueByte { byte: 0x7F }),
        (0x01, ErrorKind::ValueByte { byte: 0x01 }),
        (0x1B, ErrorKind::ValueByte { byte: 0x1B }),
        (b'\r', ErrorKind::BareCr),
    ] {
        let input = [&b"GET / HTTP/1.1\r\nX: a"[..], &[byte], b"b\r\n\r\n"].concat();
        rejects(&input, kind, at(&input, b"X: a") + 4);
    }
}

#[test]
fn lf_inside_a_value_ends_the_line() {
    let input = b"GET / HTTP/1.1\r\nX: a\nb\r\n\r\n";
    rejects(input, ErrorKind::MissingColon, at(input, b"b\r") + 1);
}

#[test]
fn bare_cr_outside_values() {
    let input = b"GET / HTTP/1.1\rX: a\r\n\r\n";
    rejects(input, ErrorKind::BareCr, at(input, b"\rX"));
    let input = b"GET / HTTP/1.1\r\nX: a\r\n\rY\r\n";
    rejects(input, ErrorKind::BareCr, at(input, b"\rY"));
}

#[test]
fn request_line_rules() {
    let input = b"G(ET / HTTP/1.1\r\n\r\n";
    rejects(input, ErrorKind::Method, 1);
    let input = b" / HTTP/1.1\r\n\r\n";
    rejects(input, ErrorKind::Method, 0);
    let input = b"GET  / HTTP/1.1\r\n\r\n";
    rejects(input, ErrorKind::Target, 4);
    let input = b"GET /caf\xc3\xa9 HTTP/1.1\r\n\r\n";
    rejects(input, ErrorKind::Target, at(input, b"\xc3"));
    let input = b"GET /\r\n\r\n";
    rejects(input, ErrorKind::Target, 5);
    let input = b"GET / HTTP/2.0\r\n\r\n";
    rejects(input, ErrorKind::Version, 6);
    let input = b"GET / HTTP/1.1 \r\n\r\n";
    rejects(input, ErrorKind::Version, at(input, b" \r"));
}

#[test]
fn incomplete_head() {
    let input = b"GET / HTTP/1.1\r\nHost: a\r\n";
    rejects(input, ErrorKind::Incomplete, input.len());
    let input = b"GET / HTTP/1.1\r\nHost: a\r\n\r";
    rejects(input, ErrorKind::Incomplete, input.len());
    rejects(b"", ErrorKind::Incomplete, 0);
}

#[test]
fn header_count_limit() {
    let limits = Limits::new(2, 1024).unwrap();
    let input = b"GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\n\r\n";
    let expected = head(input.len(), &[("a", b"1"), ("b", b"2")]);
    check(input, &limits, &Ok(expected));
    let input = b"GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n";
    rejects_with(
        input,
        &limits,
        ErrorKind::TooManyHeaders { limit: 2 },
        at(input, b"C:"),
    );
    let input = b"GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n";
    rejects_with(
        input,
        &limits,
        ErrorKind::TooManyHeaders { limit: 2 },
        at(input, b"C:"),
    );
}

#[test]
fn header_count_limit_above_the_stack_array() {
    let limits = Limits::new(150, 64 * 1024).unwrap();
    let lines: String = (0..150).map(|i| format!("X-{i}: {i}\r\n")).collect();
    let input = format!("GET / HTTP/1.1\r\n{lines}\r\n").into_bytes();
    let fields: Vec<(String, Vec<u8>)> = (0..150)
        .map(|i| (format!("x-{i}"), i.to_string().into_bytes()))
        .collect();
    let fields: Vec<(&str, &[u8])> = fields.iter().map(|(n, v)| (n.as_str(), &v[..])).collect();
    check(&input, &limits, &Ok(head(input.len(), &fields)));
    let over = format!("GET / HTTP/1.1\r\n{lines}Y: 1\r\n\r\n").into_bytes();
    rejects_with(
        &over,
        &limits,
        ErrorKind::TooManyHeaders { limit: 150 },
        at(&over, b"Y:"),
    );
}

#[test]
fn head_size_limit() {
    let input = b"GET / HTTP/1.1\r\nHost: abcdefgh\r\n\r\n";
    let exact = Limits::new(100, input.len()).unwrap();
    check(
        input,
        &exact,
        &Ok(head(input.len(), &[("host", b"abcdefgh")])),
    );
    let small = Limits::new(100, input.len() - 1).unwrap();
    let limit = input.len() - 1;
    rejects_with(input, &small, ErrorKind::HeadTooLarge { limit }, limit);
    // An error inside the window is found before the size limit.
    let input = b"GET / HTTP/1.1\r\nHo st: abcdefgh\r\n\r\n";
    rejects_with(
        input,
        &small,
        ErrorKind::NameByte { byte: b' ' },
        at(input, b" st"),
    );
}

#[test]
fn check_agreement_returns_the_common_verdict() {
    let input = b"GET / HTTP/1.1\r\nHost: a\r\n\r\n";
    let verdict = check_agreement(input, &Limits::default()).unwrap();
    assert_eq!(verdict.unwrap().get("host"), [b"a".to_vec()]);
    let bad = check_agreement(b"GET / HTTP/1.1\r\n: a\r\n\r\n", &Limits::default()).unwrap();
    assert_eq!(bad.unwrap_err().kind, ErrorKind::EmptyName);
}

#[test]
fn variant_names_round_trip() {
    for variant in Variant::ALL {
        assert_eq!(variant.name().parse::<Variant>(), Ok(variant));
        let json = serde_json::to_string(&variant).unwrap();
        assert_eq!(json, format!("\"{}\"", variant.name()));
    }
    assert!("fast".parse::<Variant>().is_err());
}
