//! A cheap count of a TOML text's tokens, made before the real parse.
//!
//! The TOML parser's cost is not proportional to a file's bytes but to its
//! tokens: it spends about 0.1–0.4 µs and 50–150 bytes of memory on each
//! newline, bracket, comma, key or value, while a long string or a run of
//! spaces is one cheap token. A file of blank lines or of tiny tables
//! therefore costs 50–150 times its size in memory (50 MB of blank lines:
//! 2.4 GB). Counting tokens first, in one pass over the bytes without
//! allocating, bounds the parser's work whatever the file holds.
//!
//! The count is an approximation from above of what the parser sees: every
//! maximal run of bare-key characters (keys, numbers, dates, booleans) is
//! one token, every string (of the four kinds, escapes honoured, multi-line
//! or not) is one, every comment is one, every other character that is not
//! a space or tab is one (`[`, `]`, `{`, `}`, `=`, `,`, newline, …).

/// The number of tokens in `text`, counting no further than `limit + 1`
/// (the caller only needs to know whether the limit is exceeded).
pub fn count_tokens(text: &[u8], limit: usize) -> usize {
    let mut n = 0usize;
    let mut i = 0usize;
    let len = text.len();
    while i < len && n <= limit {
        let c = text[i];
        match c {
            b' ' | b'\t' | b'\r' => {
                i += 1;
                continue;
            }
            b'#' => i = find(text, i, b'\n'),
            b'"' | b'\'' => i = skip_string(text, i, c),
            c if is_bare(c) => {
                while i < len && is_bare(text[i]) {
                    i += 1;
                }
            }
            _ => i += 1,
        }
        n += 1;
    }
    n
}

/// Characters of bare keys, numbers, dates and booleans.
fn is_bare(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'+' | b'.' | b':')
}

/// The index of the next `c` at or after `from`, or the end.
fn find(text: &[u8], from: usize, c: u8) -> usize {
    text[from..]
        .iter()
        .position(|&b| b == c)
        .map_or(text.len(), |p| from + p)
}

/// The index just past the string that starts at `i` with `quote`.
fn skip_string(text: &[u8], i: usize, quote: u8) -> usize {
    let len = text.len();
    let triple = text.get(i..i + 3) == Some(&[quote; 3][..]);
    let escapes = quote == b'"';
    let mut j = i + if triple { 3 } else { 1 };
    while j < len {
        let b = text[j];
        if escapes && b == b'\\' {
            j += 2;
            continue;
        }
        if b == quote {
            if !triple {
                return j + 1;
            }
            if text.get(j..j + 3) == Some(&[quote; 3][..]) {
                // Up to two more quotes may end a multi-line string.
                let mut end = j + 3;
                while end < len && text[end] == quote && end < j + 5 {
                    end += 1;
                }
                return end;
            }
        }
        if b == b'\n' && !triple {
            // An unterminated one-line string: the parser stops here too.
            return j;
        }
        j += 1;
    }
    len
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(s: &str) -> usize {
        count_tokens(s.as_bytes(), usize::MAX - 1)
    }

    #[test]
    fn tokens_of_plain_toml() {
        assert_eq!(count("a = 1\n"), 4);
        assert_eq!(count("[[t]]\nx=1\n"), 10);
        assert_eq!(count("a = [1, 2.5, -3]\n"), 10);
        assert_eq!(count("\n\n\n"), 3);
        assert_eq!(count("   \t  "), 0);
        assert_eq!(count("# a comment [ ] , ,\n"), 2);
    }

    #[test]
    fn a_string_is_one_token_whatever_it_holds() {
        assert_eq!(count("a = 'x, [y] = #z'\n"), 4);
        assert_eq!(count("a = \"q\\\"[,]\"\n"), 4);
        assert_eq!(count("a = '''\n\n[,]\n\n'''\n"), 4);
        assert_eq!(count("a = \"\"\"\n\\\"\"\"\n,,\n\"\"\"\n"), 4);
        assert_eq!(count("a = '''x'''''\n"), 4, "up to two quotes close it");
    }

    #[test]
    fn counting_stops_past_the_limit() {
        let s = "\n".repeat(1000);
        assert_eq!(count_tokens(s.as_bytes(), 10), 11);
        assert_eq!(count(&s), 1000);
    }

    #[test]
    fn unterminated_strings_do_not_panic() {
        for s in ["'", "\"", "'''", "\"\"\"", "\"\\", "a = \"x\ny\"", "'''''"] {
            let _ = count(s);
        }
    }
}
