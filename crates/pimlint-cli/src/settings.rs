//! Finding and reading configuration for the command line.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use pimlint::config::Config;

use crate::inputs::Source;
use crate::{Outcome, emit, warn};

/// Configurations by directory, read once each.
#[derive(Debug)]
pub struct Configs {
    explicit: Option<PathBuf>,
    loaded: Option<Config>,
    by_dir: HashMap<PathBuf, Config>,
}

impl Configs {
    pub fn new(explicit: Option<&Path>) -> Self {
        Self {
            explicit: explicit.map(Path::to_path_buf),
            loaded: None,
            by_dir: HashMap::new(),
        }
    }

    /// Reads the `--config` file, if one was given.
    pub fn explicit(&mut self) -> Result<(), String> {
        if let Some(path) = &self.explicit {
            self.loaded = Some(Config::from_path(path).map_err(|e| format!("pimlint: {e}"))?);
        }
        Ok(())
    }

    /// The configuration for an input: `--config`, or the nearest one above it.
    pub fn for_source(&mut self, source: &Source) -> Result<Config, String> {
        if let Some(config) = &self.loaded {
            return Ok(config.clone());
        }
        let dir = match source {
            Source::File(path) => path
                .parent()
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
            Source::Stdin => PathBuf::from("."),
        };
        let dir = if dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            dir
        };
        if let Some(config) = self.by_dir.get(&dir) {
            return Ok(config.clone());
        }
        let config = Config::discover(&dir)
            .map_err(|e| format!("pimlint: {e}"))?
            .unwrap_or_default();
        self.by_dir.insert(dir, config.clone());
        Ok(config)
    }
}

/// `pimlint config --show`.
pub fn show(explicit: Option<&Path>, path: Option<&Path>) -> Outcome {
    let found = match explicit {
        Some(file) => Config::from_path(file).map(Some),
        None => Config::discover(path.unwrap_or_else(|| Path::new("."))),
    };
    match found {
        Ok(config) => {
            let config = config.unwrap_or_default();
            if config.source.is_none() {
                emit("# no configuration file found; these are the defaults\n");
            }
            emit(&config.show());
            Outcome::Clean
        }
        Err(e) => {
            warn(&format!("pimlint: {e}"));
            Outcome::Failure
        }
    }
}
