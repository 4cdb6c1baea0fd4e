//! A small, realistic book for the view's snapshot tests: every date is
//! relative to a local `now`, so the screens do not depend on the machine's
//! time zone.

use chrono::{DateTime, Duration, Local, NaiveTime, TimeZone};

use crate::app::{
    self, Context, Finish, LogRequest, NextRequest, add_prospect, finish_prospect, log_attempt,
    prospect_view, script_view, set_next_step, set_paused,
};
use crate::domain::{Money, Outcome, Probability, ProspectId, ProspectPatch};
use crate::store::{self, Book};
use crate::ui::state::{App, Detail, Search, SearchHit};

/// The moment every screen is drawn for: Monday 23 November 2026, 09:00.
pub fn now() -> DateTime<Local> {
    Local
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .earliest()
        .expect("a plain local time")
}

/// `days` before [`now`], at `h:m` local time.
pub fn before(days: i64, h: u32, m: u32) -> DateTime<Local> {
    let date = now().date_naive() - Duration::days(days);
    let time = NaiveTime::from_hms_opt(h, m, 0).expect("a valid time");
    Local
        .from_local_datetime(&date.and_time(time))
        .earliest()
        .expect("a plain local time")
}

/// A prospect's fields.
pub fn person(name: &str, company: Option<&str>, value: i64, percent: i64) -> ProspectPatch {
    ProspectPatch {
        name: Some(name.into()),
        company: company.map(Into::into),
        value: Some(Some(Money::from_cents(value * 100))),
        probability: Some(Some(Probability::new(percent).expect("0-100"))),
        ..ProspectPatch::default()
    }
}

/// A book being filled.
pub struct Fixture {
    /// The book.
    pub book: Book,
    /// Built-in settings.
    pub ctx: Context,
    /// Ids by name, in the order added.
    pub ids: Vec<(&'static str, ProspectId)>,
}

impl Fixture {
    /// An empty book.
    pub fn empty() -> Self {
        Fixture {
            book: Book::open_in_memory().expect("an in-memory book"),
            ctx: Context::builtin(),
            ids: Vec::new(),
        }
    }

    /// The id of the prospect added as `name`.
    pub fn id(&self, name: &str) -> ProspectId {
        self.ids
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, id)| *id)
            .expect("a prospect of the fixture")
    }

    /// Adds a prospect at `when`, with a first next step if `next` is given.
    pub fn add(
        &mut self,
        key: &'static str,
        when: DateTime<Local>,
        fields: ProspectPatch,
        next: Option<&str>,
    ) {
        let next = next.map(NextRequest::call);
        let (p, _) =
            add_prospect(&mut self.book, &self.ctx, when, fields, next.as_ref()).expect("added");
        self.ids.push((key, p.id));
    }

    /// Logs an attempt at `when`.
    pub fn log(
        &mut self,
        key: &str,
        when: DateTime<Local>,
        outcome: Outcome,
        note: Option<&str>,
        next: Option<&str>,
    ) {
        let request = LogRequest {
            update: None,
            outcome,
            channel: None,
            note: note.map(Into::into),
            next: next.map(NextRequest::call),
        };
        let id = self.id(key);
        log_attempt(&mut self.book, &self.ctx, when, id, &request).expect("logged");
    }

    /// A cockpit over this book, as of [`now`].
    pub fn app(&self) -> App {
        let mut app = App::new(self.ctx.clone(), now(), false);
        let today = app::today(&self.book, &self.ctx, &now(), 100).expect("today");
        let empty = store::book_is_empty(self.book.conn()).expect("a count");
        app.set_today(today, empty);
        app
    }

    /// Loads the detail of `key` into `app`.
    pub fn open_detail(&self, app: &mut App, key: &str) {
        let view = prospect_view(&self.book, &self.ctx, self.id(key), 20).expect("a prospect");
        let script = script_view(&self.ctx, &view, &now());
        let timeline = app.detail_timeline.then(|| {
            crate::app::timeline(&self.book, self.id(key))
                .expect("a timeline")
                .events
        });
        app.detail = Some(Detail {
            view,
            script,
            timeline,
        });
    }

    /// Opens the search pane with `query` and its hits.
    pub fn search(&self, app: &mut App, query: &str) {
        let hits = store::search_prospects(self.book.conn(), query, 50)
            .expect("a search")
            .into_iter()
            .map(|(item, status)| SearchHit { item, status })
            .collect();
        app.search = Some(Search {
            input: tui_input::Input::new(query.into()),
            hits,
        });
        app.focus = crate::ui::state::Pane::Search;
    }
}

/// Ten prospects: four due today (one open now, one paused), two overdue,
/// two without a next step, one gone quiet, one won.
pub fn book() -> Fixture {
    let mut fx = Fixture::empty();
    let tomas = ProspectPatch {
        phone: Some("(416) 555-0142".into()),
        email: Some("tomas@riveralandscaping.ca".into()),
        product: Some("Drip irrigation + flagstone patio".into()),
        objection: Some("Not sure the patio can be built before spring".into()),
        decision_process: Some(
            "Decides with his wife Ana; they review quotes at the weekend".into(),
        ),
        notes: Some(
            "Goals: a low-maintenance yard, lower water bills.\nLiked the drip-line option.".into(),
        ),
        ..person("Tomás Rivera", Some("Rivera Landscaping"), 9_750, 40)
    };
    fx.add("tomas", before(5, 13, 0), tomas, None);
    let visit = "a low-maintenance yard with drip irrigation; the patio timing worries him";
    fx.log(
        "tomas",
        before(5, 14, 0),
        Outcome::Meeting,
        Some(visit),
        Some("fri 10am"),
    );
    fx.log("tomas", before(3, 10, 2), Outcome::Voicemail, None, None);
    fx.log("tomas", before(3, 10, 20), Outcome::Voicemail, None, None);
    let email = "Sent three times for a call";
    fx.log("tomas", before(3, 16, 0), Outcome::Email, Some(email), None);

    fx.add(
        "priya",
        before(3, 11, 0),
        person("Priya Natarajan", Some("Northwind Bakery"), 32_000, 70),
        None,
    );
    let note = "Wants the new cooler in before the holiday rush";
    fx.log(
        "priya",
        before(3, 11, 30),
        Outcome::Reached,
        Some(note),
        Some("mon 2pm"),
    );

    fx.add(
        "ben",
        before(4, 10, 0),
        person("Ben Achebe", Some("Achebe Auto Body"), 12_000, 50),
        Some("mon 3pm"),
    );
    let ben = fx.id("ben");
    set_paused(&mut fx.book, before(4, 10, 5), ben, true).expect("paused");

    fx.add(
        "margaret",
        before(3, 16, 0),
        person("Margaret Chen", Some("Chen Family Dental"), 18_400, 60),
        None,
    );
    let note = "Her partner Raj wants to join the next call";
    fx.log(
        "margaret",
        before(3, 16, 30),
        Outcome::Reached,
        Some(note),
        Some("mon after 5"),
    );

    fx.add(
        "daniel",
        before(3, 9, 0),
        person("Daniel Okafor", None, 6_200, 50),
        Some("today after 5"),
    );

    fx.add(
        "sofia",
        before(3, 10, 0),
        person("Sofia Lindqvist", Some("Lindqvist Architects"), 45_500, 30),
        Some("mon 8am"),
    );
    // The series' retry is "in 15 min", 08:15: at 09:00 it is past the
    // grace period for an exact time, so she is late.
    fx.log("sofia", before(0, 8, 0), Outcome::Voicemail, None, None);

    fx.add(
        "yamada",
        before(6, 10, 0),
        person("山田 広志", Some("山田建設株式会社"), 27_000, 50),
        None,
    );
    let note = "Waiting on the bank's answer about financing";
    fx.log(
        "yamada",
        before(4, 15, 0),
        Outcome::Reached,
        Some(note),
        None,
    );

    fx.add(
        "lea",
        before(0, 8, 0),
        person("Léa Fontaine", Some("Atelier Fontaine"), 8_900, 40),
        None,
    );

    let ruth = person(
        "Ruth Abernathy-Whitfield",
        Some("Whitfield & Sons Heating and Cooling Contractors"),
        64_000,
        20,
    );
    fx.add("ruth", before(28, 10, 0), ruth, None);
    let note = "Board meets in December; call after their budget review";
    fx.log(
        "ruth",
        before(24, 10, 0),
        Outcome::Reached,
        Some(note),
        Some("in 2 days"),
    );
    let ruth = fx.id("ruth");
    set_next_step(
        &mut fx.book,
        &fx.ctx,
        now(),
        ruth,
        &NextRequest::call("dec 7"),
    )
    .expect("a step");

    fx.add(
        "wei",
        before(8, 10, 0),
        person("Chen Wei", Some("Maple Street Café"), 4_300, 80),
        None,
    );
    let wei = fx.id("wei");
    finish_prospect(
        &mut fx.book,
        &Context::builtin(),
        before(3, 15, 0),
        wei,
        &Finish::Won,
    )
    .expect("won");
    fx
}
