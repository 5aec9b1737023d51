//! The team book on a real PostgreSQL server: the one the `PG*` variables name (as
//! `pg_virtualenv` sets them). Without one these tests say so and pass, unless `CI=true`,
//! where they fail: CI always has a server.

use csm_cockpit::team_book::{Address, TeamBookError, connect};

/// The server's address, from the environment; None (the tests pass with a note) when
/// there is none outside CI.
fn server() -> Option<Address> {
    if std::env::var_os("PGHOST").is_none() {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!(
                "CI runs the team book's tests on a PostgreSQL server: run them under pg_virtualenv"
            );
        }
        eprintln!("no PostgreSQL server named by PGHOST: the team book's tests did not run");
        return None;
    }
    Some(Address::parse("postgres://").expect("the environment names a server"))
}

#[test]
fn the_team_book_is_reached_with_the_environments_login() {
    let Some(address) = server() else { return };
    let mut client = connect(&address).unwrap();
    let one: i32 = client.query_one("SELECT 1", &[]).unwrap().get(0);
    assert_eq!(one, 1);
}

#[test]
fn a_wrong_password_is_refused_and_never_said() {
    let Some(address) = server() else { return };
    let wrong = "not-the-password-8c1f";
    let mut client = connect(&address).unwrap();
    client
        .batch_execute("DROP ROLE IF EXISTS csm_wrong_login; CREATE ROLE csm_wrong_login LOGIN PASSWORD 'right-one-77'")
        .unwrap();
    let someone = Address {
        user: "csm_wrong_login".into(),
        ..address.clone()
    };
    let Err(err) = csm_cockpit::team_book::connect_with(&someone, Some(wrong)) else {
        panic!("a wrong password let {someone} in");
    };
    let said = err.to_string();
    assert!(matches!(err, TeamBookError::Unreachable { .. }), "{said}");
    assert!(
        !said.contains(wrong) && !said.contains("right-one-77"),
        "{said}"
    );
    assert!(said.contains("postgres://csm_wrong_login@"), "{said}");
}
