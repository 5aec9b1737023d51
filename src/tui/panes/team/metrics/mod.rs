//! The Team pane's Metrics view: the team's (or the selected CSM's) pictures over time,
//! for the weekly review and the 1:1. Retention per quarter against its targets, each
//! month's forecast against what came in, ARR by health band and ARR at risk week by
//! week, and the workload of the CSM selected in the table. One picture has the focus:
//! the arrows move its selected point, whose numbers and workings are written out.

mod bars;
mod lines;
mod view;

pub use view::draw;

use crate::domain::trends::{Load, Trends, forecast_workings};

/// The pictures, in the order `c` goes through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Picture {
    #[default]
    Retention,
    Forecast,
    Bands,
    AtRisk,
    Workload,
}

impl Picture {
    pub const ALL: [Picture; 5] = [
        Picture::Retention,
        Picture::Forecast,
        Picture::Bands,
        Picture::AtRisk,
        Picture::Workload,
    ];

    fn index(self) -> usize {
        Picture::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    pub fn next(self) -> Picture {
        Picture::ALL[(self.index() + 1) % Picture::ALL.len()]
    }

    pub fn title(self) -> &'static str {
        match self {
            Picture::Retention => "Retention per quarter",
            Picture::Forecast => "Forecast against actual per month",
            Picture::Bands => "ARR by health band per week",
            Picture::AtRisk => "ARR at risk per week",
            Picture::Workload => "Workload per week",
        }
    }

    /// Its name where pictures share the screen.
    pub fn short_title(self) -> &'static str {
        match self {
            Picture::Retention => "Retention",
            Picture::Forecast => "Forecast vs actual",
            Picture::Bands => "ARR by band",
            Picture::AtRisk => "ARR at risk",
            Picture::Workload => "Workload",
        }
    }
}

/// What the Metrics view shows and where its cursor is.
#[derive(Debug, Default)]
pub struct Metrics {
    /// The view is up instead of the table.
    pub shown: bool,
    /// The picture the arrows move along.
    pub picture: Picture,
    /// For each picture, how many periods before the latest its selected point is.
    back: [usize; 5],
    /// The pictures' figures, for the book named in them (a CSM's or the team's).
    pub trends: Option<Box<Trends>>,
}

impl Metrics {
    /// Takes fresh figures. The first time, the forecast's point is the latest month
    /// with outcomes in: the month under way has none to set against its forecast.
    pub fn take(&mut self, trends: Box<Trends>) {
        if self.trends.is_none()
            && let [.., before, latest] = trends.forecast.as_slice()
            && latest.closed == 0
            && before.closed > 0
        {
            self.back[Picture::Forecast.index()] = 1;
        }
        self.trends = Some(trends);
    }

    /// How many points the picture has.
    pub fn points(&self, picture: Picture) -> usize {
        let Some(t) = &self.trends else { return 0 };
        match picture {
            Picture::Retention => t.retention.len(),
            Picture::Forecast => t.forecast.len(),
            Picture::Bands | Picture::AtRisk => t.bands.len(),
            Picture::Workload => workload(t).map_or(0, |w| w.len()),
        }
    }

    /// The index of the picture's selected point, counted from its oldest.
    pub fn selected(&self, picture: Picture) -> Option<usize> {
        let n = self.points(picture);
        (n > 0).then(|| n - 1 - self.back[picture.index()].min(n - 1))
    }

    /// Moves the focused picture's point a period earlier (`by` -1) or later (+1).
    pub fn step(&mut self, by: i64) {
        let n = self.points(self.picture);
        let back = &mut self.back[self.picture.index()];
        *back = if by < 0 {
            (*back + 1).min(n.saturating_sub(1))
        } else {
            back.saturating_sub(1)
        };
    }

    /// The focused picture's selected point, said with its workings.
    pub fn workings(&self) -> Option<String> {
        let t = self.trends.as_ref()?;
        let at = self.selected(self.picture)?;
        Some(match self.picture {
            Picture::Retention => t.retention[at].workings(),
            Picture::Forecast => forecast_workings(&t.forecast[at]),
            Picture::Bands | Picture::AtRisk => t.bands[at].workings(),
            Picture::Workload => workload(t)?[at].workings(),
        })
    }
}

/// The weeks of the book's own CSM, or the team's when the book is the team's.
pub fn workload(t: &Trends) -> Option<&[Load]> {
    let row = match &t.owner {
        Some(name) => t.workload.iter().find(|w| &w.owner == name),
        None => t.workload.iter().find(|w| w.owner_id.is_none()),
    };
    row.map(|w| w.weeks.as_slice())
}
