//! The team book's password: from `PGPASSWORD`, or from the password file PostgreSQL's
//! own tools read (`PGPASSFILE`, else `~/.pgpass`: `host:port:database:user:password`
//! lines, `*` matching anything), which must be readable by its owner alone. Never
//! stored by csm, never printed.

use std::path::PathBuf;

use super::Address;

/// The password for `address`, if one is given.
pub fn password_for(address: &Address) -> Option<String> {
    if let Some(p) = std::env::var("PGPASSWORD").ok().filter(|p| !p.is_empty()) {
        return Some(p);
    }
    let file = std::env::var_os("PGPASSFILE")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".pgpass")))?;
    if !private(&file) {
        return None;
    }
    let text = std::fs::read_to_string(&file).ok()?;
    text.lines().find_map(|line| matching(line, address))
}

/// Whether only its owner may read the file (as PostgreSQL's tools insist).
fn private(file: &std::path::Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(file).is_ok_and(|m| m.permissions().mode() & 0o077 == 0)
}

/// A password file line's password, if the line is for `address`.
fn matching(line: &str, address: &Address) -> Option<String> {
    if line.trim_start().starts_with('#') || line.trim().is_empty() {
        return None;
    }
    // Fields split at unescaped colons; `\:` and `\\` stand for themselves.
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => field.extend(chars.next()),
            ':' if fields.len() < 4 => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    fields.push(field);
    let [host, port, database, user, password] = fields.as_slice() else {
        return None;
    };
    let fits = |pattern: &str, value: &str| pattern == "*" || pattern == value;
    (fits(host, &address.host)
        && fits(port, &address.port.to_string())
        && fits(database, &address.database)
        && fits(user, &address.user))
    .then(|| password.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address() -> Address {
        Address {
            host: "db.example.com".into(),
            port: 5432,
            database: "team".into(),
            user: "dana".into(),
        }
    }

    #[test]
    fn a_password_file_line_matches_by_host_port_database_and_user() {
        let a = address();
        assert_eq!(
            matching("db.example.com:5432:team:dana:s3cret", &a).as_deref(),
            Some("s3cret")
        );
        assert_eq!(matching("*:*:*:dana:any", &a).as_deref(), Some("any"));
        assert_eq!(matching("db.example.com:5432:team:mia:s3cret", &a), None);
        assert_eq!(matching("# a comment", &a), None);
        assert_eq!(
            matching(r"*:*:*:dana:with\:colon", &a).as_deref(),
            Some("with:colon")
        );
    }

    #[test]
    fn a_password_file_others_can_read_is_not_read() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("pgpass");
        std::fs::write(&file, "*:*:*:*:s3cret\n").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(!private(&file));
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert!(private(&file));
    }
}
