//! `csm` with no subcommand: the cockpit, opened on the book (writing the demo book
//! first for `--demo` when there is none), with stale scores recomputed and the
//! playbooks run in the background, and Today's queue for whoever runs it.

use color_eyre::Result;
use color_eyre::eyre::eyre;

use super::context::Context;
use super::demo::write_demo;
use crate::book::Book;
use crate::demo::DemoSpec;
use crate::tui::app::App;
use crate::tui::keys::Keymap;
use crate::tui::widgets::theme::Theme;
use crate::{clock, tui};

pub fn run(ctx: &Context) -> Result<()> {
    let config = &ctx.config;
    let keymap = Keymap::from_config(config).map_err(|e| eyre!(e))?;
    let path = ctx.book_path();
    if ctx.demo && !path.exists() {
        let spec = DemoSpec {
            today: clock::today(ctx.today),
            ..DemoSpec::default()
        };
        write_demo(&path, &spec, false)?;
    }
    let book = Book::open(&path)?;
    let today = ctx.today_for(&book)?;
    let rules = config.health.rules();
    // Stale scores are shown at once and recomputed in the background; then the
    // playbooks run on what happened, there too.
    let catalog = ctx.catalog();
    let mut queue_scope = catalog.today_scope(None, None);
    config.growth_rules(&mut queue_scope.growth);
    let skipped: Vec<String> = catalog.problems.iter().map(|p| p.to_string()).collect();
    let on_open = Some(tui::OnOpen {
        path: path.clone(),
        rules: rules.clone(),
        today,
        recompute: !book.health_is_current(&rules, today)?,
        playbooks: catalog.playbooks.clone(),
        stamp: ctx.stamp(),
    });
    let mut app = App::open(book, today, keymap, rules)?;
    app.cx.actor = config.user.actor();
    app.cx.coverage = config.stakeholders.clone();
    app.cx.today_rules = config.today.clone();
    app.cx.churn = config.churn.clone();
    app.cx.expansion = config.expansion.clone();
    app.cx.onboarding = config.onboarding.clone();
    app.cx.advocacy = config.advocacy.clone();
    app.cx.targets = config.team;
    app.cx.programs = tui::context::programs(catalog.playbooks);
    let scope = &mut app.panes.today.scope;
    *scope = queue_scope;
    // The queue is read once the cockpit runs, in the background.
    scope.owner = app
        .cx
        .book
        .as_ref()
        .map(|b| b.default_queue_owner(&app.cx.actor))
        .transpose()?
        .flatten();
    app.cx.me = app.panes.today.scope.owner.clone();
    if let Some(first) = skipped.first() {
        app.cx.message = Some(format!(
            "skipped {} playbook file{} (csm playbooks check): {first}",
            skipped.len(),
            if skipped.len() == 1 { "" } else { "s" }
        ));
    }
    app.cx.theme = Theme::from_env();
    tui::run(app, on_open)
}
