//! "Did you mean …?" for names that are almost right.

/// The candidate closest to `input`: a case-insensitive match first, then the most similar
/// one (Jaro-Winkler, at least 0.8), as clap does for subcommands.
pub fn nearest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(f64, &'a str)> = None;
    for candidate in candidates {
        if candidate.eq_ignore_ascii_case(input) {
            return Some(candidate);
        }
        let score =
            strsim::jaro_winkler(&input.to_ascii_lowercase(), &candidate.to_ascii_lowercase());
        if score >= 0.8 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::nearest;

    #[test]
    fn prefers_case_insensitive_then_similar() {
        let ids = [
            "Expiration_EndUser_Assignment",
            "Expiration_Admin_Assignment",
        ];
        assert_eq!(nearest("expiration_enduser_assignment", ids), Some(ids[0]));
        assert_eq!(nearest("Expiration_EndUsr_Assignment", ids), Some(ids[0]));
        assert_eq!(nearest("Notification", ids), None);
    }
}
