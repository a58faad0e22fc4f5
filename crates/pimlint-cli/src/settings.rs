//! Finding and reading configuration for the command line.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use pimlint::config::Config;

use crate::inputs::{Source, Walk, WalkSettings};
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

impl Configs {
    /// How to search the directory `arg` names: the `include` / `exclude` settings of
    /// `--config` or of the configuration nearest to it, then the command line's.
    pub fn walk_for(&mut self, arg: &str, cli: &WalkSettings) -> Result<Walk, String> {
        let config = match &self.loaded {
            Some(config) => Some(config.clone()),
            None if arg != "-" && Path::new(arg).is_dir() => {
                Config::discover(Path::new(arg)).map_err(|e| format!("pimlint: {e}"))?
            }
            None => None,
        };
        let (root, file) = match &config {
            Some(c) => (
                c.source
                    .as_deref()
                    .and_then(Path::parent)
                    .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
                WalkSettings {
                    include: c.file.include.clone(),
                    exclude: c.file.exclude.clone(),
                    extend_exclude: c.file.extend_exclude.clone(),
                    respect_gitignore: c.file.respect_gitignore,
                },
            ),
            None => (PathBuf::from("."), WalkSettings::default()),
        };
        let root = if root.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            root
        };
        // Patterns given on the command line are relative to the current directory.
        let from_file = Walk::new(&root, &file).map_err(|e| format!("pimlint: {e}"))?;
        if cli.include.is_none()
            && cli.exclude.is_none()
            && cli.extend_exclude.is_empty()
            && cli.respect_gitignore.is_none()
        {
            return Ok(from_file);
        }
        Walk::new(Path::new("."), &file.overlaid(cli)).map_err(|e| format!("pimlint: {e}"))
    }
}

/// `pimlint config` (the file as written) and `pimlint config --show` (every setting in force).
pub fn show(explicit: Option<&Path>, path: Option<&Path>, effective: bool) -> Outcome {
    let found = match explicit {
        Some(file) => Config::from_path(file).map(Some),
        None => Config::discover(path.unwrap_or_else(|| Path::new("."))),
    };
    match found {
        Ok(config) => {
            let config = config.unwrap_or_default();
            emit(&if effective {
                config.show()
            } else {
                config.written()
            });
            Outcome::Clean
        }
        Err(e) => {
            warn(&format!("pimlint: {e}"));
            Outcome::Failure
        }
    }
}
