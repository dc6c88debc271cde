//! Reading `/proc/cpuinfo`, whose lines are `key : value` (the benchmark's environment line,
//! the Raspberry Pi detection and the container platform of this host all need it).

/// The value of the first line whose key is one of `keys` (ignoring case and the padding
/// around the colon). Lines with an empty value are passed over.
pub fn field<'a>(text: &'a str, keys: &[&str]) -> Option<&'a str> {
    text.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        let key = key.trim();
        let value = value.trim();
        (keys.iter().any(|k| k.eq_ignore_ascii_case(key)) && !value.is_empty()).then_some(value)
    })
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn finds_padded_keys_in_any_case_and_skips_empty_values() {
        let text = "processor\t: 0\nmodel name\t: AMD EPYC\nRevision\t:\nrevision\t: c03111\n";
        assert_eq!(field(text, &["model name"]), Some("AMD EPYC"));
        assert_eq!(field(text, &["Model", "MODEL NAME"]), Some("AMD EPYC"));
        assert_eq!(field(text, &["Revision"]), Some("c03111"));
        assert_eq!(field(text, &["flags"]), None);
    }
}
