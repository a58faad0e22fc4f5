//! The tenant view for embedders: lint every input of a run and join them, as `pimlint check`
//! does with the files of one run.

use crate::api::{ApiError, Input, Located, by_position, checked};
use crate::locate::Locator;
use crate::{DocumentReport, Options};

/// An input of a run that cannot be read, and which one (its index among the inputs).
#[derive(Debug, Clone, thiserror::Error)]
#[error("inputs[{index}]: {error}")]
pub struct RunError {
    /// The index of the input.
    pub index: usize,
    /// Why it cannot be read.
    pub error: ApiError,
}

/// Lints every input and joins them into one tenant view: the findings of each input, in
/// input order, with the tenant findings (`PIM6xx`) added to the input of the document they
/// are about. Any input that cannot be read as PIM documents is an error.
pub fn check(inputs: &[Input<'_>], options: &Options) -> Result<Vec<Vec<Located>>, RunError> {
    let mut reports: Vec<Vec<DocumentReport>> = inputs
        .iter()
        .enumerate()
        .map(|(index, input)| checked(*input, options).map_err(|error| RunError { index, error }))
        .collect::<Result<_, _>>()?;
    let mut joined: Vec<&mut Vec<DocumentReport>> = reports.iter_mut().collect();
    super::check_run(&mut joined, &options.config);
    Ok(inputs
        .iter()
        .zip(reports)
        .map(|(input, reports)| {
            let locator = input.text.map(Locator::new);
            let diagnostics: Vec<_> = reports.into_iter().flat_map(|r| r.diagnostics).collect();
            let mut found = Located::all(&diagnostics, locator.as_ref());
            by_position(&mut found);
            found
        })
        .collect())
}
