//! Many hands on one book: other processes reading and writing the book while a cockpit
//! holds it open, writers waiting for each other instead of failing, and every write
//! kept and journaled exactly once, even when a process is killed in the middle of one.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Output, Stdio};
use std::time::{Duration, Instant};

use common::csm;
use csm_cockpit::book::write::Entity;
use csm_cockpit::book::{Book, BookError, Stamp};

const TODAY: &str = "2026-03-01";

fn stamp() -> Stamp {
    Stamp {
        actor: "test".into(),
        at: common::today().and_hms_opt(9, 0, 0).unwrap(),
    }
}

/// A small demo book in `dir`, and the name of one of its accounts.
fn demo_book(dir: &Path) -> (PathBuf, String) {
    let path = dir.join("book.db");
    csm(dir)
        .args(["--db", path.to_str().unwrap(), "--today", TODAY])
        .args(["demo", "--accounts", "60", "--csms", "3", "--seed", "5"])
        .assert()
        .success();
    let book = Book::open(&path).unwrap();
    let name = book.portfolio().unwrap()[0].name.clone();
    (path, name)
}

/// `csm --db BOOK --today TODAY ARGS...`, kept away from the person's own config and data.
fn command(dir: &Path, book: &Path, args: &[&str]) -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("csm"));
    cmd.env_remove("CSM_DB")
        .env_remove("CSM_TODAY")
        .env_remove("CSM_CONFIG")
        .env_remove("CSM_WAIT")
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("HOME", dir)
        .args(["--db", book.to_str().unwrap(), "--today", TODAY])
        .args(args)
        .stdin(Stdio::null());
    cmd
}

/// The command's output once it ends.
fn run(dir: &Path, book: &Path, args: &[&str]) -> Output {
    command(dir, book, args).output().unwrap()
}

/// `csm tasks add` from another process.
fn add_task(dir: &Path, book: &Path, account: &str, title: &str, due: &str) -> Output {
    run(dir, book, &["tasks", "add", account, title, "--due", due])
}

/// The command started, its output thrown away.
fn spawn(dir: &Path, book: &Path, args: &[&str]) -> Child {
    command(dir, book, args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A count by SQL the test writes itself, on a connection of its own.
fn count(book: &Book, sql: &str, like: &str) -> i64 {
    let conn = rusqlite::Connection::open(book.path().unwrap()).unwrap();
    let takes_one = sql.contains("?1");
    if takes_one {
        conn.query_row(sql, [like], |r| r.get(0)).unwrap()
    } else {
        conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }
}

/// Another connection holding the book's write lock until the returned sender speaks (or
/// 60 s pass); the lock is held once this returns.
fn hold_the_lock(path: &Path) -> (std::sync::mpsc::Sender<()>, std::thread::JoinHandle<()>) {
    let mut holder = Book::open(path).unwrap();
    let (started, go) = std::sync::mpsc::channel();
    let (release, released) = std::sync::mpsc::channel::<()>();
    let hold = std::thread::spawn(move || {
        holder
            .write(&stamp(), |_| {
                started.send(()).unwrap();
                released.recv_timeout(Duration::from_secs(60)).ok();
                Ok(())
            })
            .unwrap();
    });
    go.recv().unwrap();
    (release, hold)
}

#[test]
fn another_process_never_takes_the_log_a_cockpit_writes_to() {
    let dir = tempfile::tempdir().unwrap();
    let (path, account) = demo_book(dir.path());
    // A cockpit holds several connections: the one it writes on, and readers it opens
    // and closes in the background.
    let mut main = Book::open(&path).unwrap();
    assert!(!main.portfolio().unwrap().is_empty());
    for _ in 0..3 {
        let reader = Book::open(&path).unwrap();
        reader.portfolio().unwrap();
    }
    #[cfg(target_os = "linux")]
    assert!(
        holds_a_lock_on(&path),
        "the process holds a lock on the book while a connection is open"
    );
    // Another process reads, writes and closes.
    let read = run(dir.path(), &path, &["accounts", "--json"]);
    assert!(read.status.success(), "{}", text(&read.stderr));
    let added = add_task(
        dir.path(),
        &path,
        &account,
        "Written elsewhere",
        "2026-03-05",
    );
    assert!(added.status.success(), "{}", text(&added.stderr));
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    assert!(wal.exists(), "the write-ahead log is still there");
    #[cfg(target_os = "linux")]
    assert!(
        !writes_to_a_deleted_file(),
        "the cockpit's log was not removed under it"
    );
    #[cfg(target_os = "linux")]
    assert!(holds_a_lock_on(&path), "the lock is still held");
    // Both see every write.
    let id = main.find_account(&account).unwrap().unwrap().0;
    main.write(&stamp(), |c| {
        c.insert(
            Entity::Task,
            &[
                ("account_id", &id),
                ("title", &"Written in the cockpit"),
                ("due_on", &"2026-03-06"),
                ("created_on", &TODAY),
            ],
            "added task Written in the cockpit",
        )
    })
    .unwrap();
    let tasks = main.open_tasks(common::today()).unwrap();
    assert!(tasks.iter().any(|t| t.title == "Written elsewhere"));
    let listed = run(dir.path(), &path, &["tasks", "--json"]);
    assert!(text(&listed.stdout).contains("Written in the cockpit"));
    assert!(text(&listed.stdout).contains("Written elsewhere"));
    drop(main);
    assert_eq!(
        Book::open(&path).unwrap().integrity_check().unwrap(),
        ["ok"]
    );
}

/// Whether `/proc/locks` lists a lock of this process on the file at `path`.
#[cfg(target_os = "linux")]
fn holds_a_lock_on(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let inode = std::fs::metadata(path).unwrap().ino();
    let pid = std::process::id().to_string();
    let locks = std::fs::read_to_string("/proc/locks").unwrap();
    locks.lines().any(|l| {
        let f: Vec<&str> = l.split_whitespace().collect();
        // "1: POSIX  ADVISORY  READ  1234 08:01:5678 1073741824 1073741824"
        f.iter().position(|w| *w == pid).is_some_and(|i| {
            f.get(i + 1)
                .and_then(|dev| dev.rsplit(':').next())
                .is_some_and(|ino| ino == inode.to_string())
        })
    })
}

/// Whether any descriptor of this process points at a file that has been removed.
#[cfg(target_os = "linux")]
fn writes_to_a_deleted_file() -> bool {
    std::fs::read_dir("/proc/self/fd").unwrap().any(|fd| {
        std::fs::read_link(fd.unwrap().path())
            .is_ok_and(|to| to.to_string_lossy().ends_with("(deleted)"))
    })
}

#[test]
fn a_write_waits_for_another_writer_instead_of_failing() {
    let dir = tempfile::tempdir().unwrap();
    let (path, account) = demo_book(dir.path());
    let mut holder = Book::open(&path).unwrap();
    let id = holder.find_account(&account).unwrap().unwrap().0;
    let (started, go) = std::sync::mpsc::channel();
    let hold = std::thread::spawn(move || {
        holder
            .write(&stamp(), |c| {
                c.set(Entity::Account, id, "industry", &"Held", "industry held")?;
                started.send(()).unwrap();
                std::thread::sleep(Duration::from_millis(700));
                Ok(())
            })
            .unwrap();
    });
    go.recv().unwrap();
    let waited = Instant::now();
    let out = run(
        dir.path(),
        &path,
        &[
            "tasks",
            "add",
            &account,
            "Waited for the lock",
            "--due",
            "2026-03-05",
        ],
    );
    let waited = waited.elapsed();
    hold.join().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        waited >= Duration::from_millis(400),
        "it waited for the lock ({waited:?})"
    );
    assert_eq!(text(&out.stderr), "", "waiting is not an error");
    let book = Book::open(&path).unwrap();
    assert!(
        book.open_tasks(common::today())
            .unwrap()
            .iter()
            .any(|t| t.title == "Waited for the lock")
    );
}

#[test]
fn past_the_limit_a_write_gives_up_in_one_plain_sentence_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (path, account) = demo_book(dir.path());
    let (release, hold) = hold_the_lock(&path);
    let out = run(
        dir.path(),
        &path,
        &[
            "--wait",
            "1",
            "tasks",
            "add",
            &account,
            "Gave up",
            "--due",
            "2026-03-05",
        ],
    );
    release.send(()).unwrap();
    hold.join().unwrap();
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains("the book is busy: another process has been writing to it for 1 s; nothing was changed, try again"),
        "{err}"
    );
    for internal in [
        "database is locked",
        "SQLITE",
        "code",
        "517",
        "busy_timeout",
    ] {
        assert!(!err.contains(internal), "no internals: {err}");
    }
    let book = Book::open(&path).unwrap();
    assert!(
        !book
            .open_tasks(common::today())
            .unwrap()
            .iter()
            .any(|t| t.title == "Gave up")
    );
}

#[test]
fn a_write_in_process_waits_and_says_so_once_the_wait_is_noticeable() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static TOLD: AtomicUsize = AtomicUsize::new(0);
    fn told() {
        TOLD.fetch_add(1, Ordering::SeqCst);
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    let mut book = common::fill(Book::open(&path).unwrap());
    let mut holder = Book::open(&path).unwrap();
    let (started, go) = std::sync::mpsc::channel();
    let hold = std::thread::spawn(move || {
        holder
            .write(&stamp(), |_| {
                started.send(()).unwrap();
                std::thread::sleep(Duration::from_millis(500));
                Ok(())
            })
            .unwrap();
    });
    go.recv().unwrap();
    csm_cockpit::book::wait::tell_when_noticeable(told);
    let id = book.find_account("Northwind Traders").unwrap().unwrap().0;
    let written: Result<(), BookError> = book.write(&stamp(), |c| {
        c.set(Entity::Account, id, "region", &"LATAM", "region changed")
    });
    hold.join().unwrap();
    written.unwrap();
    assert_eq!(TOLD.load(Ordering::SeqCst), 1, "told once per wait");
}

/// Runs `command(i)` for i = 0, 1, ... one after another until `for_at_least` has passed
/// (and at least `min` times): what each ran and how it ended.
fn keep_running(
    dir: PathBuf,
    book: PathBuf,
    for_at_least: Duration,
    min: usize,
    command: impl Fn(usize) -> Vec<String>,
) -> Vec<(String, Output)> {
    let started = Instant::now();
    let mut ran = Vec::new();
    while ran.len() < min || started.elapsed() < for_at_least {
        let args = command(ran.len());
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run(&dir, &book, &refs);
        ran.push((args.join(" "), out));
    }
    ran
}

fn owned(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// Every command ended well, printing nothing on stderr but progress.
fn all_well(results: &[(String, Output)]) {
    for (what, out) in results {
        let err = text(&out.stderr);
        assert!(out.status.success(), "csm {what} failed: {err}");
        for line in err.lines() {
            assert!(
                line.starts_with("recomputed the health of"),
                "csm {what} printed more than progress on stderr: {err}"
            );
        }
    }
}

#[test]
fn four_processes_writing_at_once_keep_every_write_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = demo_book(dir.path());
    let accounts: Vec<String> = Book::open(&path)
        .unwrap()
        .portfolio()
        .unwrap()
        .iter()
        .filter(|a| a.churned_on.is_none())
        .take(3)
        .map(|a| a.name.clone())
        .collect();
    let usage = dir.path().join("usage.csv");
    let exported = run(
        dir.path(),
        &path,
        &["export", "usage", "--out", usage.to_str().unwrap()],
    );
    assert!(exported.status.success(), "{}", text(&exported.stderr));
    let usage = usage.to_str().unwrap().to_string();
    let several = Duration::from_secs(4);
    let (d, b) = (dir.path().to_path_buf(), path.clone());
    // Four processes at a time, for several seconds: two adding tasks, one logging
    // touches, one importing, recomputing and running the playbooks in turn.
    let started = Instant::now();
    let loops: Vec<std::thread::JoinHandle<Vec<(String, Output)>>> = vec![
        {
            let (d, b, a) = (d.clone(), b.clone(), accounts[0].clone());
            std::thread::spawn(move || {
                keep_running(d, b, several, 5, |i| {
                    let title = format!("first task {i}");
                    owned(&["tasks", "add", &a, &title, "--due", "2026-03-09"])
                })
            })
        },
        {
            let (d, b, a) = (d.clone(), b.clone(), accounts[1].clone());
            std::thread::spawn(move || {
                keep_running(d, b, several, 5, |i| {
                    let title = format!("second task {i}");
                    owned(&["tasks", "add", &a, &title, "--due", "2026-03-09"])
                })
            })
        },
        {
            let (d, b, a) = (d.clone(), b.clone(), accounts[2].clone());
            std::thread::spawn(move || {
                keep_running(d, b, several, 5, |i| {
                    let summary = format!("touch number {i}");
                    owned(&["touch", &a, &summary, "--kind", "email"])
                })
            })
        },
        {
            let (d, b) = (d.clone(), b.clone());
            std::thread::spawn(move || {
                keep_running(d, b, several, 6, |i| match i % 3 {
                    0 => owned(&["import", "usage", &usage]),
                    1 => owned(&["health"]),
                    _ => owned(&["playbooks", "run"]),
                })
            })
        },
    ];
    let results: Vec<Vec<(String, Output)>> =
        loops.into_iter().map(|h| h.join().unwrap()).collect();
    assert!(
        started.elapsed() >= several,
        "they ran together for several seconds"
    );
    for r in &results {
        all_well(r);
    }
    let (firsts, seconds, touches) = (results[0].len(), results[1].len(), results[2].len());
    let imports = results[3]
        .iter()
        .filter(|(w, _)| w.starts_with("import"))
        .count();
    // Tasks added in one process are then marked done in another while a third adds more.
    let book = Book::open(&path).unwrap();
    let to_finish: Vec<i64> = book
        .open_tasks(common::today())
        .unwrap()
        .iter()
        .filter(|t| t.title.starts_with("first task "))
        .map(|t| t.id)
        .take(5)
        .collect();
    let done = {
        let (d, b, ids) = (d.clone(), b.clone(), to_finish.clone());
        std::thread::spawn(move || {
            keep_running(d, b, Duration::ZERO, ids.len(), |i| {
                owned(&["tasks", "done", &ids[i].to_string()])
            })
        })
    };
    let more = {
        let (d, b, a) = (d.clone(), b.clone(), accounts[0].clone());
        std::thread::spawn(move || {
            keep_running(d, b, Duration::ZERO, 5, |i| {
                let title = format!("third task {i}");
                owned(&["tasks", "add", &a, &title, "--due", "2026-03-09"])
            })
        })
    };
    all_well(&done.join().unwrap());
    all_well(&more.join().unwrap());

    let book = Book::open(&path).unwrap();
    for (who, made) in [("first", firsts), ("second", seconds), ("third", 5)] {
        let like = format!("{who} task %");
        assert_eq!(
            count(
                &book,
                "SELECT count(*) FROM tasks WHERE title LIKE ?1",
                &like
            ),
            made as i64,
            "every {who} task kept, once"
        );
        assert_eq!(
            count(
                &book,
                "SELECT count(*) FROM change_journal WHERE entity = 'tasks' AND action = 'insert'
                 AND entity_id IN (SELECT id FROM tasks WHERE title LIKE ?1)",
                &like
            ),
            made as i64,
            "every {who} task journaled, once"
        );
    }
    let finished = |sql: &str| count(&book, sql, "first task %");
    assert_eq!(
        finished("SELECT count(*) FROM tasks WHERE title LIKE ?1 AND status = 'done'"),
        to_finish.len() as i64
    );
    assert_eq!(
        finished(
            "SELECT count(*) FROM change_journal WHERE entity = 'tasks' AND action = 'update'
             AND entity_id IN (SELECT id FROM tasks WHERE title LIKE ?1)"
        ),
        to_finish.len() as i64,
        "each task done is journaled once"
    );
    let touched = |sql: &str| count(&book, sql, "touch number %");
    assert_eq!(
        touched("SELECT count(*) FROM interactions WHERE summary LIKE ?1"),
        touches as i64
    );
    assert_eq!(
        touched(
            "SELECT count(*) FROM change_journal WHERE entity = 'interactions'
             AND entity_id IN (SELECT id FROM interactions WHERE summary LIKE ?1)"
        ),
        touches as i64
    );
    let imported = |sql: &str| count(&book, sql, "usage");
    assert_eq!(
        imported("SELECT count(*) FROM imports WHERE kind = ?1"),
        imports as i64
    );
    assert_eq!(
        imported("SELECT count(*) FROM change_journal WHERE action = 'import' AND entity = ?1"),
        imports as i64
    );
    assert_eq!(book.integrity_check().unwrap(), ["ok"]);
}

#[test]
fn a_process_killed_in_the_middle_of_a_write_leaves_the_change_and_its_entry_together() {
    let dir = tempfile::tempdir().unwrap();
    let (path, account) = demo_book(dir.path());
    let usage = dir.path().join("usage.csv");
    assert!(
        run(
            dir.path(),
            &path,
            &["export", "usage", "--out", usage.to_str().unwrap()]
        )
        .status
        .success()
    );
    let mut rng = fastrand::Rng::with_seed(16);
    for i in 0..24 {
        let title = format!("crash task {i}");
        let summary = format!("crash touch {i}");
        let args: Vec<&str> = match i % 3 {
            0 => vec!["tasks", "add", &account, &title, "--due", "2026-03-05"],
            1 => vec!["touch", &account, &summary],
            _ => vec!["import", "usage", usage.to_str().unwrap()],
        };
        let mut child = spawn(dir.path(), &path, &args);
        std::thread::sleep(Duration::from_millis(rng.u64(5..120)));
        let _ = child.kill();
        let _ = child.wait();
    }
    let book = Book::open(&path).unwrap();
    assert_eq!(book.integrity_check().unwrap(), ["ok"]);
    let pairs = [
        (
            "SELECT count(*) FROM tasks WHERE title LIKE ?1",
            "SELECT count(*) FROM change_journal WHERE entity = 'tasks' AND action = 'insert'
             AND entity_id IN (SELECT id FROM tasks WHERE title LIKE ?1)",
            "crash task %",
        ),
        (
            "SELECT count(*) FROM interactions WHERE summary LIKE ?1",
            "SELECT count(*) FROM change_journal WHERE entity = 'interactions'
             AND entity_id IN (SELECT id FROM interactions WHERE summary LIKE ?1)",
            "crash touch %",
        ),
        (
            "SELECT count(*) FROM imports WHERE kind = ?1",
            "SELECT count(*) FROM change_journal WHERE action = 'import' AND entity = ?1",
            "usage",
        ),
    ];
    for (rows, entries, like) in pairs {
        assert_eq!(
            count(&book, rows, like),
            count(&book, entries, like),
            "{like}: each change kept has its journal entry, and no entry stands alone"
        );
    }
    let orphans = count(
        &book,
        "SELECT count(*) FROM change_journal j WHERE j.entity = 'tasks' AND j.action = 'insert'
         AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.id = j.entity_id)",
        "",
    );
    assert_eq!(
        orphans, 0,
        "no journal entry for a task that was never kept"
    );
}

#[test]
fn an_open_cockpit_shows_a_change_made_elsewhere_within_two_seconds_keeping_the_selection() {
    use csm_cockpit::domain::health::HealthRules;
    use csm_cockpit::tui::{app::App, headless::Headless, keys::Keymap};
    let dir = tempfile::tempdir().unwrap();
    let (path, account) = demo_book(dir.path());
    let app = App::load(
        Book::open(&path).unwrap(),
        common::today(),
        Keymap::defaults(),
        HealthRules::default(),
    )
    .unwrap();
    let mut cockpit = Headless::new(app, 120, 40);
    cockpit.draw();
    cockpit.press("5");
    for _ in 0..3 {
        cockpit.press("j");
    }
    let selected = cockpit_tasks(&cockpit).0;
    assert!(!cockpit.app.notice_elsewhere(), "nothing changed yet");
    let added = add_task(
        dir.path(),
        &path,
        &account,
        "Added by a script",
        "2026-03-02",
    );
    assert!(added.status.success(), "{}", text(&added.stderr));
    let asked = Instant::now();
    // The loop asks on its tick; here the test is the loop.
    while !cockpit.app.notice_elsewhere() {
        assert!(
            asked.elapsed() < Duration::from_secs(2),
            "the change showed within two seconds"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    cockpit.draw();
    let (now_selected, titles) = cockpit_tasks(&cockpit);
    assert_eq!(now_selected, selected, "the selected task stays selected");
    assert!(titles.iter().any(|t| t == "Added by a script"));
    let screen = cockpit.screen();
    assert!(
        screen.contains("Elsewhere: task added: Added by a script"),
        "the status bar says what changed:\n{screen}"
    );
    assert!(!cockpit.app.notice_elsewhere(), "told once");
    // Derived data written elsewhere, outside the journal (another csm's recompute after
    // its change): the news stays what it was.
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute(
            "UPDATE account_health SET signal_count = signal_count + 1",
            [],
        )
        .unwrap();
    let asked = Instant::now();
    while !cockpit.app.notice_elsewhere() {
        assert!(asked.elapsed() < Duration::from_secs(2));
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        cockpit
            .app
            .message()
            .is_some_and(|m| m.contains("task added: Added by a script")),
        "{:?}",
        cockpit.app.message()
    );
}

/// The Tasks pane's selected task and every title it lists.
fn cockpit_tasks(c: &csm_cockpit::tui::headless::Headless) -> (Option<i64>, Vec<String>) {
    let list = c
        .app
        .panes
        .tasks
        .list
        .as_ref()
        .expect("the Tasks pane was shown");
    let book = c.app.cx.book.as_ref().expect("a book is open");
    let open = book.open_tasks(common::today()).unwrap();
    let title = |id: i64| open.iter().find(|t| t.id == id).map(|t| t.title.clone());
    (
        list.selected().map(|t| t.id),
        list.listed().filter_map(|t| title(t.id)).collect(),
    )
}

#[test]
fn commands_that_only_read_never_wait_for_a_writer() {
    let dir = tempfile::tempdir().unwrap();
    let (path, account) = demo_book(dir.path());
    let reads: Vec<Vec<&str>> = vec![
        vec!["accounts", "--json"],
        vec!["renewals"],
        vec!["today"],
        vec!["tasks"],
        vec!["health"],
        vec!["stakeholders", "--gaps"],
        vec!["team"],
        vec!["metrics"],
        vec!["export", "accounts"],
        vec!["journal"],
        vec!["qbr", &account],
    ];
    // The first look of the day keeps what a day's look keeps (health scored, the month's
    // forecasts frozen, the day of the look); after it, looking writes nothing.
    for args in &reads {
        let out = run(dir.path(), &path, args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    }
    let (release, hold) = hold_the_lock(&path);
    for args in &reads {
        let mut with_wait = vec!["--wait", "1"];
        with_wait.extend(args);
        let out = run(dir.path(), &path, &with_wait);
        assert!(
            out.status.success(),
            "{args:?} waited for the writer: {}",
            text(&out.stderr)
        );
    }
    release.send(()).unwrap();
    hold.join().unwrap();
}
