//! The configuration: TOML over defaults embedded from `assets/config.default.toml`, and
//! where things live on disk (`directories`). Unknown keys and bad values are refused
//! with the file, line and column.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::domain::advocacy::AdvocacyRules;
use crate::domain::churn::ChurnRules;
use crate::domain::expansion::ExpansionRules;
use crate::domain::health::{
    Bands, Caps, HealthRules, SegmentRules, SignalRules, Weights, Windows,
};
use crate::domain::onboarding::OnboardingRules;
use crate::domain::segments::SegmentTiers;
use crate::domain::stakeholders::CoverageRules;
use crate::domain::today::TodayRules;
use crate::domain::trends::Targets;
use crate::domain::vocab::Segment;

/// The documented defaults, compiled in.
pub const DEFAULT_TOML: &str = include_str!("../assets/config.default.toml");

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default = "defaults::user")]
    pub user: UserConfig,
    #[serde(default = "defaults::health")]
    pub health: HealthConfig,
    /// How stakeholder coverage is judged: `[stakeholders]`.
    #[serde(default = "defaults::stakeholders")]
    pub stakeholders: CoverageRules,
    /// How the Today queue weighs each kind of item: `[today]`.
    #[serde(default)]
    pub today: TodayRules,
    /// How an imported account without a segment is given one: `[segments]`.
    #[serde(default)]
    pub segments: SegmentTiers,
    /// How the expansion pipeline is weighed and its signals raised: `[expansion]`.
    #[serde(default)]
    pub expansion: ExpansionRules,
    /// What first value is and when an onboarding account is stuck: `[onboarding]`.
    #[serde(default)]
    pub onboarding: OnboardingRules,
    /// Who is offered as a reference, and how often: `[advocacy]`.
    #[serde(default)]
    pub advocacy: AdvocacyRules,
    /// Why customers leave or shrink, and when to try them again: `[churn]`.
    #[serde(default)]
    pub churn: ChurnRules,
    /// The retention the team aims for, drawn as the target lines: `[team]`.
    #[serde(default)]
    pub team: Targets,
    /// Key rebindings, checked by the keymap: action name -> key or keys (in every
    /// place that has the action), or `[keys.<place>]` tables of the same.
    #[serde(default)]
    pub keys: BTreeMap<String, toml::Spanned<KeyEntry>>,
    /// Where the config was read from, and its text, to point at a line later.
    #[serde(skip)]
    pub source: Option<ConfigSource>,
}

impl Config {
    /// The config's rules for the queue's growth items, over the programs already there.
    pub fn growth_rules(&self, growth: &mut crate::book::today::GrowthRules) {
        growth.onboarding = self.onboarding.clone();
        growth.expansion = self.expansion.clone();
        growth.advocacy = self.advocacy.clone();
        growth.churn = self.churn.clone();
    }
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

/// The health score's rules in the config's shape: bands at the top of `[health]`, then
/// `[health.weights]`, `[health.windows]`, `[health.signals]` and, optionally,
/// `[health.segments.<segment>]` with its own weights or bands.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, try_from = "RawHealth")]
pub struct HealthConfig {
    pub green_at: u8,
    pub yellow_at: u8,
    pub weights: Weights,
    pub windows: Windows,
    pub signals: SignalRules,
    pub caps: Caps,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub segments: BTreeMap<Segment, SegmentConfig>,
}

/// One segment's own weights or bands; what it leaves out is the book-wide rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SegmentConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weights: Option<Weights>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub green_at: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub yellow_at: Option<u8>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHealth {
    green_at: Option<u8>,
    yellow_at: Option<u8>,
    weights: Option<Weights>,
    windows: Option<Windows>,
    signals: Option<SignalRules>,
    caps: Option<Caps>,
    #[serde(default)]
    segments: BTreeMap<Segment, SegmentConfig>,
}

impl TryFrom<RawHealth> for HealthConfig {
    type Error = String;
    fn try_from(raw: RawHealth) -> Result<Self, String> {
        let standard = HealthRules::default();
        let health = HealthConfig {
            green_at: raw.green_at.unwrap_or(standard.bands.green_at),
            yellow_at: raw.yellow_at.unwrap_or(standard.bands.yellow_at),
            weights: raw.weights.unwrap_or(standard.weights),
            windows: raw.windows.unwrap_or(standard.windows),
            signals: raw.signals.unwrap_or(standard.signals),
            caps: raw.caps.unwrap_or(standard.caps),
            segments: raw.segments,
        };
        health.rules().check().map_err(|e| e.0)?;
        Ok(health)
    }
}

impl HealthConfig {
    /// The rules scores are computed by.
    pub fn rules(&self) -> HealthRules {
        let bands = Bands {
            green_at: self.green_at,
            yellow_at: self.yellow_at,
        };
        HealthRules {
            weights: self.weights,
            bands,
            windows: self.windows,
            signals: self.signals,
            caps: self.caps,
            segments: self
                .segments
                .iter()
                .map(|(segment, own)| {
                    let own_bands =
                        (own.green_at.is_some() || own.yellow_at.is_some()).then(|| Bands {
                            green_at: own.green_at.unwrap_or(bands.green_at),
                            yellow_at: own.yellow_at.unwrap_or(bands.yellow_at),
                        });
                    (
                        *segment,
                        SegmentRules {
                            weights: own.weights,
                            bands: own_bands,
                        },
                    )
                })
                .collect(),
        }
    }
}

impl UserConfig {
    /// The name that signs this person's changes: the configured one, else the login.
    pub fn actor(&self) -> String {
        let configured = self.name.trim();
        if !configured.is_empty() {
            return configured.to_string();
        }
        ["USER", "USERNAME", "LOGNAME"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
            .unwrap_or_else(|| "csm".to_string())
    }
}

/// A line of `[keys]`: an action's keys, or a table of one place's actions.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum KeyEntry {
    Keys(KeyList),
    Table(BTreeMap<String, KeyList>),
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

    pub fn stakeholders() -> CoverageRules {
        embedded().stakeholders.clone()
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
        config.churn.check().map_err(|e| {
            let at = text.find("[[churn.reasons]]").unwrap_or(0);
            let (line, col) = line_col(text, at);
            ConfigError(format!("{}:{line}:{col}: {e}", path.display()))
        })?;
        config.stakeholders.fill_from(&CoverageRules::default());
        for (segment, days) in TodayRules::default().touch_days {
            config.today.touch_days.entry(segment).or_insert(days);
        }
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

    /// Where `name` is first written after `offset` in the config's text (a line inside
    /// a table whose own place is known).
    pub fn find_after(&self, offset: usize, name: &str) -> Option<usize> {
        self.source
            .as_ref()
            .and_then(|src| src.text.get(offset..))
            .and_then(|rest| rest.find(name))
            .map(|at| offset + at)
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
    fn the_documented_stakeholder_rules_are_the_built_in_ones_and_a_segment_can_change() {
        assert_eq!(Config::defaults().stakeholders, CoverageRules::default());
        let c = parse("[stakeholders.required]\nsmb = []\n").unwrap();
        assert!(c.stakeholders.required[&Segment::Smb].is_empty());
        assert_eq!(
            c.stakeholders.required[&Segment::Enterprise].len(),
            3,
            "the segments not named keep their defaults"
        );
        let err = parse("[stakeholders.required]\nsmb = [\"boss\"]\n").unwrap_err();
        assert!(err.contains("my.toml"), "{err}");
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
    fn the_embedded_file_and_the_domain_defaults_agree() {
        assert_eq!(Config::defaults().health.rules(), HealthRules::default());
        assert_eq!(Config::defaults().churn, ChurnRules::default());
        assert_eq!(Config::defaults().expansion, ExpansionRules::default());
        assert_eq!(Config::defaults().onboarding, OnboardingRules::default());
        assert_eq!(Config::defaults().advocacy, AdvocacyRules::default());
    }

    #[test]
    fn a_file_gives_its_own_churn_reasons_in_its_own_order() {
        let text = "[[churn.reasons]]\nname = \"seasonal\"\nwin_back_days = 120\n\n\
                    [[churn.reasons]]\nname = \"other\"\n";
        let c = parse(text).unwrap();
        assert_eq!(c.churn.names(), "seasonal, other");
        let err = parse("[[churn.reasons]]\nname = \"x\"\n[[churn.reasons]]\nname = \"X\"\n")
            .unwrap_err();
        assert!(
            err.contains("my.toml:1:1") && err.contains("named twice"),
            "{err}"
        );
    }

    #[test]
    fn a_segment_can_have_its_own_weights_and_bands() {
        let text = "[health.segments.self_serve]\ngreen_at = 80\n\
                    weights = { usage = 60, adoption = 30, support = 10, engagement = 0 }\n";
        let rules = parse(text).unwrap().health.rules();
        assert_eq!(rules.weights_for(Segment::SelfServe).usage, 60);
        assert_eq!(rules.bands_for(Segment::SelfServe).green_at, 80);
        assert_eq!(rules.bands_for(Segment::SelfServe).yellow_at, 40);
        assert_eq!(rules.weights_for(Segment::Enterprise).usage, 40);
        let err = parse("[health.segments.smb.weights]\nusage = 90\nadoption = 30\nsupport = 0\nengagement = 0\n")
            .unwrap_err();
        assert!(
            err.contains("health.segments.smb.weights must add up to 100"),
            "{err}"
        );
        let err = parse("[health.segments.startup]\ngreen_at = 80\n").unwrap_err();
        assert!(err.contains("startup"), "{err}");
    }

    #[test]
    fn a_window_can_be_changed_alone() {
        let c = parse("[health.windows]\nsupport_days = 60\n").unwrap();
        let rules = c.health.rules();
        assert_eq!(rules.windows.support_days, 60);
        assert_eq!(rules.windows.usage_days, 30);
        let err = parse("[health.windows]\nusage_target = 80\n").unwrap_err();
        assert!(err.contains("usage_target is a share"), "{err}");
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
