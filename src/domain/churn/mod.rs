//! Why customers leave or shrink, and when to try them again. The reasons are a list in
//! the config (`[[churn.reasons]]`: price, product gap, champion left, budget, acquired,
//! competitor, other), each with the words an export uses for it and how long after the
//! loss a win-back is worth a try. What a file or a person said is kept as said and read
//! as one of the reasons here, so a changed list reads every past loss again.

mod losses;
mod win_back;

pub use losses::{ByReason, Loss, by_reason};
pub use win_back::{Churned, Standing, WinBack, win_back};

use serde::{Deserialize, Serialize};

/// The config's `[churn]`: the reasons, in the order a person is offered them.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChurnRules {
    #[serde(default = "default_reasons")]
    pub reasons: Vec<ChurnReason>,
}

fn default_reasons() -> Vec<ChurnReason> {
    ChurnRules::default().reasons
}

/// One reason a customer left or shrank.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChurnReason {
    /// As a person says it: "product gap".
    pub name: String,
    /// Words that, found in what an export says, mean this reason ("too expensive").
    #[serde(default)]
    pub words: Vec<String>,
    /// Days after the loss a win-back is worth trying; 0: not worth one (an acquired
    /// customer buys what its new owner buys).
    #[serde(default)]
    pub win_back_days: u32,
}

impl Default for ChurnRules {
    fn default() -> Self {
        let reason = |name: &str, words: &[&str], win_back_days| ChurnReason {
            name: name.into(),
            words: words.iter().map(|w| w.to_string()).collect(),
            win_back_days,
        };
        ChurnRules {
            reasons: vec![
                reason(
                    "price",
                    &["price", "pricing", "expensive", "cost", "discount"],
                    270,
                ),
                reason(
                    "product gap",
                    &["missing", "feature", "functionality", "integration", "gap"],
                    180,
                ),
                reason(
                    "champion left",
                    &["champion", "sponsor", "left the company", "new leadership"],
                    90,
                ),
                reason(
                    "budget",
                    &["budget", "spend", "cutback", "layoff", "downturn"],
                    365,
                ),
                reason(
                    "acquired",
                    &["acquired", "acquisition", "merger", "merged"],
                    0,
                ),
                reason(
                    "competitor",
                    &["competitor", "switched", "moved to", "replaced", "in-house"],
                    300,
                ),
                reason("other", &[], 180),
            ],
        }
    }
}

/// Lower case, anything but letters and digits read as a space, one space between words.
fn plain(text: &str) -> String {
    text.to_lowercase()
        .replace(|c: char| !c.is_alphanumeric(), " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `words` (plain) begin a word of `text` (plain): "cost" in "costs too much",
/// never "gap" in "Singapore".
fn begins_a_word(text: &str, words: &str) -> bool {
    !words.is_empty() && format!(" {text}").contains(&format!(" {words}"))
}

impl ChurnRules {
    /// The reason named `name` exactly (in any case, `_` for a space).
    pub fn named(&self, name: &str) -> Option<&ChurnReason> {
        let name = plain(name);
        self.reasons.iter().find(|r| plain(&r.name) == name)
    }

    /// What `said` means: the reason it names, else the first whose words it holds,
    /// else "other" (None when nothing was said, or the list has no "other").
    pub fn reason_of(&self, said: &str) -> Option<&ChurnReason> {
        let text = plain(said);
        if text.is_empty() {
            return None;
        }
        self.named(&text)
            .or_else(|| {
                self.reasons
                    .iter()
                    .find(|r| r.words.iter().any(|w| begins_a_word(&text, &plain(w))))
            })
            .or_else(|| self.named("other"))
    }

    /// What a blank answer takes: "other", else the last reason.
    pub fn default_reason(&self) -> Option<&ChurnReason> {
        self.named("other").or(self.reasons.last())
    }

    /// A person's answer: a reason's name or the start of one that only it begins
    /// with; blank is the default reason.
    pub fn answer(&self, answer: &str) -> Result<&ChurnReason, String> {
        let given = plain(answer);
        if given.is_empty() {
            return self
                .default_reason()
                .ok_or_else(|| "the config lists no churn reason".to_string());
        }
        if let Some(r) = self.named(&given) {
            return Ok(r);
        }
        let starting: Vec<&ChurnReason> = self
            .reasons
            .iter()
            .filter(|r| plain(&r.name).starts_with(&given))
            .collect();
        match starting[..] {
            [one] => Ok(one),
            [] => Err(format!(
                "`{}` is not a reason: expected one of {}",
                answer.trim(),
                self.names()
            )),
            _ => {
                let names: Vec<&str> = starting.iter().map(|r| r.name.as_str()).collect();
                Err(format!(
                    "`{}` could be {}: type a little more",
                    answer.trim(),
                    names.join(" or ")
                ))
            }
        }
    }

    /// Every reason's name, in order: "price, product gap, ...".
    pub fn names(&self) -> String {
        let names: Vec<&str> = self.reasons.iter().map(|r| r.name.as_str()).collect();
        names.join(", ")
    }

    /// Refuses a list a person could not answer from: no reasons, or one named twice.
    pub fn check(&self) -> Result<(), String> {
        if self.reasons.is_empty() {
            return Err("[churn] needs at least one reason".into());
        }
        for (i, r) in self.reasons.iter().enumerate() {
            if plain(&r.name).is_empty() {
                return Err("a churn reason needs a name".into());
            }
            if self.reasons[..i]
                .iter()
                .any(|o| plain(&o.name) == plain(&r.name))
            {
                return Err(format!("the churn reason `{}` is named twice", r.name));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_an_export_says_is_read_as_the_reason_it_means() {
        let rules = ChurnRules::default();
        let reason = |said: &str| rules.reason_of(said).map(|r| r.name.as_str());
        assert_eq!(reason("Too expensive for what we use"), Some("price"));
        assert_eq!(reason("PRODUCT_GAP"), Some("product gap"));
        assert_eq!(reason("Switched to a competitor"), Some("competitor"));
        assert_eq!(
            reason("Our champion left the company"),
            Some("champion left")
        );
        assert_eq!(reason("Acquired by Initech"), Some("acquired"));
        assert_eq!(reason("We are closing the office"), Some("other"));
        assert_eq!(
            reason("Moved the Singapore team"),
            Some("other"),
            "a reason's word begins a word, it is not found inside one"
        );
        assert_eq!(reason("Costs went up; we switched"), Some("price"));
        assert_eq!(reason("  "), None, "nothing said is no reason");
    }

    #[test]
    fn a_person_answers_with_a_name_or_its_start() {
        let rules = ChurnRules::default();
        let answer = |a: &str| rules.answer(a).map(|r| r.name.clone());
        assert_eq!(answer("champion_left"), Ok("champion left".into()));
        assert_eq!(answer("comp"), Ok("competitor".into()));
        assert_eq!(answer(""), Ok("other".into()));
        let err = answer("p").unwrap_err();
        assert!(err.contains("price or product gap"), "{err}");
        let err = answer("cheaper").unwrap_err();
        assert!(err.contains("expected one of price, product gap"), "{err}");
    }

    #[test]
    fn a_list_with_a_reason_named_twice_is_refused() {
        let mut rules = ChurnRules::default();
        assert_eq!(rules.check(), Ok(()));
        rules.reasons.push(rules.reasons[0].clone());
        assert!(rules.check().unwrap_err().contains("`price`"));
    }
}
