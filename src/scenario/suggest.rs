//! "Did you mean …?": the nearest known name to a misspelled one.
//!
//! Authors type ids and keys by hand; most mistakes are one letter off
//! (`golstein`, `bleu`, `actor` for `actors`). Suggesting the intended
//! name saves reading a list of twenty.

/// The candidate closest to `word`, if one is close enough to be what the
/// author meant: at most one edit for short words, up to three for long
/// ones (a swap of two letters counts as one edit), ignoring case.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let w = word.to_lowercase();
    if w.is_empty() || w.chars().count() > 64 {
        return None;
    }
    let limit = (w.chars().count() / 3).clamp(1, 3);
    candidates
        .into_iter()
        .filter(|c| *c != word)
        .map(|c| (strsim::damerau_levenshtein(&w, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn one_letter_off_is_found() {
        assert_eq!(
            did_you_mean("golstein", ["goldstein", "cost"]),
            Some("goldstein")
        );
        assert_eq!(
            did_you_mean("actor", ["scenario", "actors", "moves"]),
            Some("actors")
        );
        assert_eq!(did_you_mean("bleu", ["red", "blue"]), Some("blue"));
        assert_eq!(did_you_mean("Blue", ["red", "blue"]), Some("blue"));
    }

    #[test]
    fn far_words_are_not_guessed() {
        assert_eq!(did_you_mean("wealth", ["military", "economy"]), None);
        assert_eq!(did_you_mean("x", ["red", "blue"]), None);
        assert_eq!(did_you_mean("", ["a"]), None);
        assert_eq!(did_you_mean("red", ["red"]), None);
    }
}
