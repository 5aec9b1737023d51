//! Renewals: each open contract placed in its 120/90/60/30-day window, the motion that
//! window calls for with its checklist, the forecast the cockpit suggests and the
//! warnings a renewal carries, whether it is on track, and how accurate each month's
//! frozen forecast was, and the forecast roll-up of a quarter per CSM with what moved in it
//! since the last review.

mod accuracy;
mod change;
mod forecast;
mod motion;
mod readiness;
mod rollup;
mod window;

pub use accuracy::{Accuracy, accuracy, category_hit};
pub use change::{Moved, moved};
pub use forecast::{HealthNow, Suggestion, Warning, WarningKind, suggest, warnings};
pub use motion::{Motion, Stage, Step};
pub use readiness::{Readiness, RenewalFacts, readiness};
pub use rollup::{Due, ForecastLane, Rollup, Tally, rollup};
pub use window::{Window, days_until};
