//! A PostgreSQL server for the team book's tests: the one the `PG*` variables name (as
//! `pg_virtualenv` sets them), and a database of its own per test.

#![allow(dead_code)]

use csm_cockpit::team_book::{Address, connect};

/// The server's address, from the environment; None (the tests pass with a note) when
/// there is none outside CI.
pub fn server() -> Option<Address> {
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

/// A database of its own on the server, for one test, dropped with it.
pub struct Scratch {
    pub admin: postgres::Client,
    pub address: Address,
}

impl Scratch {
    pub fn new(server: &Address, name: &str) -> Scratch {
        let mut admin = connect(server).unwrap();
        let database = format!("csm_test_{name}_{}", std::process::id());
        // One statement each: a batch runs as one transaction, which these refuse.
        for sql in [
            format!("DROP DATABASE IF EXISTS {database}"),
            format!("CREATE DATABASE {database}"),
        ] {
            admin.batch_execute(&sql).unwrap();
        }
        Scratch {
            admin,
            address: Address {
                database,
                ..server.clone()
            },
        }
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = self.admin.batch_execute(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.address.database
        ));
    }
}
