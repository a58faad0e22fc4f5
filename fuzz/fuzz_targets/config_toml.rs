//! `pimlint.toml` and `[tool.pimlint]`: any text is a configuration or an error; what
//! `config --show` prints for a configuration loads back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pimlint::config::Config;

fuzz_target!(|text: &str| {
    let _ = Config::from_toml(text, true);
    if let Ok(config) = Config::from_toml(text, false) {
        let shown = config.show();
        assert!(Config::from_toml(&shown, false).is_ok(), "{text:?} shows as {shown}");
    }
});
