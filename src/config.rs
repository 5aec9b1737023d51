//! The configuration: TOML over defaults embedded from `assets/config.default.toml`, and
//! where things live on disk (`directories`). Unknown keys and bad values are refused
//! with the file, line and column.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// The documented defaults, compiled in.
pub const DEFAULT_TOML: &str = include_str!("../assets/config.default.toml");

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default = "defaults::user")]
    pub user: UserConfig,
    #[serde(default = "defaults::health")]
    pub health: HealthConfig,
    /// Key rebindings: action name -> key or keys, checked by the keymap.
    #[serde(default)]
    pub keys: BTreeMap<String, toml::Spanned<KeyList>>,
    /// Where the config was read from, and its text, to point at a line later.
    #[serde(skip)]
    pub source: Option<ConfigSource>,
}

/// The file a config came from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ConfigSource {
    pub path: PathBuf,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct UserConfig {
    #[serde(default = "defaults::user_name")]
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, try_from = "RawHealth")]
pub struct HealthConfig {
    pub green_at: u8,
    pub yellow_at: u8,
    pub weights: Weights,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHealth {
    #[serde(default = "defaults::green_at")]
    green_at: u8,
    #[serde(default = "defaults::yellow_at")]
    yellow_at: u8,
    #[serde(default = "defaults::weights")]
    weights: Weights,
}

impl TryFrom<RawHealth> for HealthConfig {
    type Error = String;
    fn try_from(raw: RawHealth) -> Result<Self, String> {
        if raw.green_at > 100 || raw.yellow_at == 0 || raw.yellow_at >= raw.green_at {
            return Err(format!(
                "health bands need 0 < yellow_at < green_at <= 100, got yellow_at = {} and green_at = {}",
                raw.yellow_at, raw.green_at
            ));
        }
        Ok(HealthConfig {
            green_at: raw.green_at,
            yellow_at: raw.yellow_at,
            weights: raw.weights,
        })
    }
}

/// The health components' weights, in percent.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, try_from = "RawWeights")]
pub struct Weights {
    pub usage: u32,
    pub adoption: u32,
    pub support: u32,
    pub engagement: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWeights {
    usage: u32,
    adoption: u32,
    support: u32,
    engagement: u32,
}

impl TryFrom<RawWeights> for Weights {
    type Error = String;
    fn try_from(w: RawWeights) -> Result<Self, String> {
        let sum = w.usage + w.adoption + w.support + w.engagement;
        if sum != 100 {
            return Err(format!(
                "health weights must add up to 100, these add up to {sum} \
                 (usage {}, adoption {}, support {}, engagement {})",
                w.usage, w.adoption, w.support, w.engagement
            ));
        }
        Ok(Weights {
            usage: w.usage,
            adoption: w.adoption,
            support: w.support,
            engagement: w.engagement,
        })
    }
}

/// One key or several for an action.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum KeyList {
    One(String),
    Many(Vec<String>),
}

impl KeyList {
    pub fn keys(&self) -> Vec<&str> {
        match self {
            KeyList::One(k) => vec![k.as_str()],
            KeyList::Many(ks) => ks.iter().map(String::as_str).collect(),
        }
    }
}

/// Field defaults read from the embedded file, used for keys a user's file leaves out.
mod defaults {
    use super::*;

    pub fn user() -> UserConfig {
        embedded().user.clone()
    }
    pub fn user_name() -> String {
        embedded().user.name.clone()
    }
    pub fn health() -> HealthConfig {
        embedded().health.clone()
    }
    pub fn green_at() -> u8 {
        embedded().health.green_at
    }
    pub fn yellow_at() -> u8 {
        embedded().health.yellow_at
    }
    pub fn weights() -> Weights {
        embedded().health.weights
    }
}

/// The embedded defaults, parsed once. The file names every key, so parsing it never
/// asks for a default.
fn embedded() -> &'static Config {
    static EMBEDDED: OnceLock<Config> = OnceLock::new();
    EMBEDDED.get_or_init(|| {
        toml::from_str(DEFAULT_TOML).expect("assets/config.default.toml is a valid config")
    })
}

/// A config that cannot be used, said in one message with its place.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(pub String);

impl Config {
    /// The defaults.
    pub fn defaults() -> Config {
        embedded().clone()
    }

    /// Parses a config file's text over the defaults; errors name the file, line and column.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let mut config: Config = toml::from_str(text).map_err(|e| {
            let (line, col) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
            ConfigError(format!("{}:{line}:{col}: {}", path.display(), e.message()))
        })?;
        config.source = Some(ConfigSource {
            path: path.to_path_buf(),
            text: text.to_string(),
        });
        Ok(config)
    }

    /// Loads the config at `path`, or the defaults when `path` is the default location
    /// and nothing is there. A path the user named must exist.
    pub fn load(path: &Path, named_by_user: bool) -> Result<Config, ConfigError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Config::parse(&text, path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !named_by_user => {
                Ok(Config::defaults())
            }
            Err(e) => Err(ConfigError(format!("{}: {e}", path.display()))),
        }
    }

    /// Where a byte offset of the config file is, as `file:line:col`.
    pub fn locate(&self, offset: usize) -> String {
        match &self.source {
            Some(src) => {
                let (line, col) = line_col(&src.text, offset);
                format!("{}:{line}:{col}", src.path.display())
            }
            None => "config".to_string(),
        }
    }

    /// The effective config as TOML.
    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).unwrap_or_default()
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Where csm keeps its files on this platform.
pub struct Paths {
    pub data_dir: PathBuf,
    pub config_file: PathBuf,
}

impl Paths {
    pub fn platform() -> Paths {
        match directories::ProjectDirs::from("", "", "csm-cockpit") {
            Some(dirs) => Paths {
                data_dir: dirs.data_dir().to_path_buf(),
                config_file: dirs.config_dir().join("config.toml"),
            },
            None => Paths {
                data_dir: PathBuf::from(".csm-cockpit"),
                config_file: PathBuf::from(".csm-cockpit/config.toml"),
            },
        }
    }

    /// The book used when none is named.
    pub fn default_book(&self) -> PathBuf {
        self.data_dir.join("book.db")
    }

    /// The demo book `csm --demo` opens.
    pub fn demo_book(&self) -> PathBuf {
        self.data_dir.join("demo.db")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, String> {
        Config::parse(text, Path::new("my.toml")).map_err(|e| e.0)
    }

    #[test]
    fn the_embedded_defaults_carry_the_cs_practice_weights() {
        let c = Config::defaults();
        let w = c.health.weights;
        assert_eq!(
            (w.usage, w.adoption, w.support, w.engagement),
            (40, 30, 20, 10)
        );
        assert_eq!((c.health.green_at, c.health.yellow_at), (70, 40));
    }

    #[test]
    fn a_file_overrides_only_what_it_names() {
        let c = parse("[health]\ngreen_at = 75\n").unwrap();
        assert_eq!(c.health.green_at, 75);
        assert_eq!(c.health.yellow_at, 40);
        assert_eq!(c.health.weights, Config::defaults().health.weights);
        assert_eq!(c.user, Config::defaults().user);
    }

    #[test]
    fn an_unknown_key_is_refused_with_file_and_line() {
        let err = parse("[user]\nname = \"Dana\"\n\n[helth]\ngreen_at = 75\n").unwrap_err();
        assert!(err.starts_with("my.toml:4:"), "{err}");
        assert!(err.contains("helth"), "{err}");
    }

    #[test]
    fn weights_that_do_not_add_up_are_refused_with_their_sum_and_line() {
        let text = "[health.weights]\nusage = 50\nadoption = 30\nsupport = 20\nengagement = 10\n";
        let err = parse(text).unwrap_err();
        assert!(err.contains("add up to 110"), "{err}");
        assert!(err.starts_with("my.toml:"), "{err}");
    }

    #[test]
    fn a_bad_value_is_refused_with_its_place() {
        let err = parse("[health]\ngreen_at = \"high\"\n").unwrap_err();
        assert!(err.starts_with("my.toml:2:12"), "{err}");
        let err = parse("[health]\ngreen_at = 30\n").unwrap_err();
        assert!(err.contains("yellow_at < green_at"), "{err}");
    }

    #[test]
    fn lines_and_columns_count_from_one() {
        assert_eq!(line_col("ab\ncd", 0), (1, 1));
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
    }
}
