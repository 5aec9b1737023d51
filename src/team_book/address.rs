//! Where the team book is: a `postgres://` address, with what it leaves out taken from
//! the usual `PGHOST`, `PGPORT`, `PGUSER` and `PGDATABASE`, and said without its password
//! wherever it is shown.

use std::fmt;

use postgres::{Client, NoTls};

use super::OLDEST_SERVER;
use super::credentials::password_for;

/// What went wrong reaching the team book, said without any credential.
#[derive(Debug, thiserror::Error)]
pub enum TeamBookError {
    #[error("{0}")]
    Address(String),
    #[error("could not reach the team book at {address}: {why}")]
    Unreachable { address: String, why: String },
    #[error(
        "the team book at {address} runs PostgreSQL {found}; it needs {} or later",
        OLDEST_SERVER.1
    )]
    OldServer { address: String, found: String },
    #[error("the team book at {address}: {why}")]
    Server { address: String, why: String },
}

/// A team book's address: host, port, database and login; never a password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub host: String,
    pub port: u16,
    pub database: String,
    pub user: String,
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

impl Address {
    /// Reads `postgres://[user@]host[:port][/database]`. A password in it is refused:
    /// it would end up in shell history and configs. What it leaves out comes from the
    /// environment, then PostgreSQL's defaults.
    pub fn parse(text: &str) -> Result<Address, TeamBookError> {
        let bad = |why: &str| {
            TeamBookError::Address(format!(
                "{why}: expected postgres://[user@]host[:port][/database]"
            ))
        };
        let rest = text
            .strip_prefix("postgres://")
            .or_else(|| text.strip_prefix("postgresql://"))
            .ok_or_else(|| bad("the team book's address is not a postgres:// address"))?;
        let rest = rest.split(['?', '#']).next().unwrap_or("");
        let (login, place) = match rest.rsplit_once('@') {
            Some((login, place)) => (Some(login), place),
            None => (None, rest),
        };
        if login.is_some_and(|l| l.contains(':')) {
            return Err(TeamBookError::Address(
                "the team book's address holds a password: leave it out, and give it in PGPASSWORD or a password file (~/.pgpass, readable by you alone)".into(),
            ));
        }
        let (hostport, database) = match place.split_once('/') {
            Some((h, d)) => (h, Some(d)),
            None => (place, None),
        };
        let (host, port) = match hostport.rsplit_once(':') {
            Some((h, p)) => (
                h,
                Some(
                    p.parse::<u16>()
                        .map_err(|_| bad(&format!("`{p}` is not a port")))?,
                ),
            ),
            None => (hostport, None),
        };
        let user = login
            .map(str::to_string)
            .or_else(|| env("PGUSER"))
            .or_else(|| env("USER"))
            .unwrap_or_else(|| "postgres".into());
        Ok(Address {
            host: Some(host)
                .filter(|h| !h.is_empty())
                .map(str::to_string)
                .or_else(|| env("PGHOST"))
                .unwrap_or_else(|| "localhost".into()),
            port: port
                .or_else(|| env("PGPORT").and_then(|p| p.parse().ok()))
                .unwrap_or(5432),
            database: database
                .filter(|d| !d.is_empty())
                .map(str::to_string)
                .or_else(|| env("PGDATABASE"))
                .unwrap_or_else(|| user.clone()),
            user,
        })
    }
}

impl fmt::Display for Address {
    /// `postgres://dana@db.example.com:5432/team`: no password, ever.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "postgres://{}@{}:{}/{}",
            self.user, self.host, self.port, self.database
        )
    }
}

/// Logs in to the team book, with the password from the environment or the password
/// file, and makes sure the server is recent enough.
pub fn connect(address: &Address) -> Result<Client, TeamBookError> {
    connect_with(address, password_for(address).as_deref())
}

/// [`connect`] with this password (None: none).
pub fn connect_with(address: &Address, password: Option<&str>) -> Result<Client, TeamBookError> {
    let mut config = postgres::Config::new();
    config
        .host(&address.host)
        .port(address.port)
        .user(&address.user)
        .dbname(&address.database)
        .application_name("csm")
        .connect_timeout(std::time::Duration::from_secs(10));
    if let Some(password) = password {
        config.password(password);
    }
    let shown = address.to_string();
    let mut client = config
        .connect(NoTls)
        .map_err(|e| TeamBookError::Unreachable {
            address: shown.clone(),
            why: e.to_string(),
        })?;
    let server = |e: postgres::Error| TeamBookError::Server {
        address: shown.clone(),
        why: e.to_string(),
    };
    let version: String = client
        .query_one("SHOW server_version_num", &[])
        .map_err(server)?
        .get(0);
    if version.parse::<u32>().unwrap_or(0) < OLDEST_SERVER.0 {
        let found: String = client
            .query_one("SHOW server_version", &[])
            .map_err(server)?
            .get(0);
        return Err(TeamBookError::OldServer {
            address: shown,
            found,
        });
    }
    Ok(client)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_names_its_place_and_login_and_refuses_a_password() {
        let a = Address::parse("postgres://dana@db.example.com:6543/team").unwrap();
        assert_eq!(
            (
                a.user.as_str(),
                a.host.as_str(),
                a.port,
                a.database.as_str()
            ),
            ("dana", "db.example.com", 6543, "team")
        );
        assert_eq!(a.to_string(), "postgres://dana@db.example.com:6543/team");
        let err = Address::parse("postgres://dana:s3cret@db.example.com/team").unwrap_err();
        let said = err.to_string();
        assert!(
            said.contains("holds a password") && !said.contains("s3cret"),
            "{said}"
        );
        assert!(Address::parse("mysql://db/team").is_err());
        assert!(
            Address::parse("postgres://db:port/team")
                .unwrap_err()
                .to_string()
                .contains("`port` is not a port")
        );
    }
}
