//! Who may change what in the team book, enforced by PostgreSQL itself (row-level
//! security), whatever client a login uses: everyone on the team reads every row; a CSM
//! writes the rows of the accounts they own (and the tasks and goals given to them); a
//! manager writes every row. Each login is tied to a team member in `csm_logins`; the
//! team book's owner, who made it, administers it. Rows are never removed, only marked
//! deleted, so no login may delete.

use crate::book::team_sync::shape::Table;

/// The functions the rules use: who the login is, whether a manager, whether it owns an
/// account. Each names its tables in full and fixes its search path, so a login cannot
/// stand a temporary table of its own in for `csm_logins` and make itself a manager.
const HELPERS: &str = "
CREATE FUNCTION csm_me() RETURNS uuid LANGUAGE sql STABLE
    SET search_path = pg_catalog, public, pg_temp AS
    $$ SELECT member_uid FROM public.csm_logins WHERE login = current_user $$;
CREATE FUNCTION csm_manager() RETURNS boolean LANGUAGE sql STABLE
    SET search_path = pg_catalog, public, pg_temp AS
    $$ SELECT coalesce((SELECT manager FROM public.csm_logins WHERE login = current_user), false) $$;
CREATE FUNCTION csm_owns(account uuid) RETURNS boolean LANGUAGE sql STABLE
    SET search_path = pg_catalog, public, pg_temp AS
    $$ SELECT public.csm_manager() OR EXISTS
           (SELECT 1 FROM public.accounts WHERE uid = account AND owner_uid = public.csm_me()) $$;
";

/// Who may write a row of `table`, as an SQL condition on the row.
fn write_rule(table: &Table, tables: &[Table]) -> String {
    let has = |t: &Table, c: &str| t.columns.iter().any(|col| col.name == c);
    let mut rule = if table.name == "accounts" {
        "csm_manager() OR owner_uid = csm_me()".to_string()
    } else if has(table, "account_uid") {
        "csm_owns(account_uid)".to_string()
    } else if let Some((via, parent)) = table.columns.iter().find_map(|c| {
        let to = c.refers_to.as_deref()?;
        let parent = tables.iter().find(|t| t.name == to)?;
        has(parent, "account_uid").then_some((c.name.as_str(), parent.name))
    }) {
        format!("csm_owns((SELECT p.account_uid FROM {parent} p WHERE p.uid = {via}))")
    } else {
        "csm_manager()".to_string()
    };
    if table.name != "accounts" && has(table, "owner_uid") {
        rule += " OR owner_uid = csm_me()";
    }
    rule
}

/// The rules of one shared table.
pub fn table_rules(t: &Table, tables: &[Table]) -> String {
    let rule = write_rule(t, tables);
    format!(
        "ALTER TABLE {0} ENABLE ROW LEVEL SECURITY;
         CREATE POLICY team_reads ON {0} FOR SELECT USING (true);
         CREATE POLICY own_adds ON {0} FOR INSERT WITH CHECK ({rule});
         CREATE POLICY own_changes ON {0} FOR UPDATE USING ({rule}) WITH CHECK ({rule});\n",
        t.name
    )
}

/// `csm_may_write(entity, row)`: whether this login may write that row, by the rule of
/// its table: what the change log's own rule asks of every entry, so no login can log a
/// change to a row it may not change (which every other book's pull would apply).
pub fn may_write(tables: &[Table]) -> String {
    let mut cases = String::new();
    for t in tables {
        cases += &format!(
            "        WHEN '{0}' THEN SELECT ({1}) INTO ok FROM public.{0} WHERE uid = target;\n",
            t.name,
            write_rule(t, tables)
        );
    }
    format!(
        "CREATE OR REPLACE FUNCTION csm_may_write(entity text, target uuid) RETURNS boolean
             LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
         DECLARE ok boolean;
         BEGIN
             CASE entity
{cases}                 ELSE RETURN false;
             END CASE;
             RETURN coalesce(ok, false);
         END $$;\n"
    )
}

/// The statements that put the rules in place.
pub fn rules(tables: &[Table]) -> String {
    let mut sql = HELPERS.to_string();
    sql += &may_write(tables);
    for t in tables {
        sql += &table_rules(t, tables);
    }
    sql += "ALTER TABLE change_log ENABLE ROW LEVEL SECURITY;
            CREATE POLICY team_reads ON change_log FOR SELECT USING (true);
            CREATE POLICY own_entries ON change_log FOR INSERT
                WITH CHECK (actor = current_user AND csm_may_write(entity, row_uid));
            ALTER TABLE conflicts ENABLE ROW LEVEL SECURITY;
            CREATE POLICY team_reads ON conflicts FOR SELECT USING (true);
            CREATE POLICY own_conflicts ON conflicts FOR INSERT WITH CHECK (my_actor = current_user);
            CREATE POLICY own_resolutions ON conflicts FOR UPDATE
                USING (my_actor = current_user) WITH CHECK (my_actor = current_user);\n";
    sql
}

/// The statements that let `login` (already a PostgreSQL login) work in the team book.
pub fn grants(login: &str) -> String {
    let who = format!("\"{}\"", login.replace('"', "\"\""));
    format!(
        "GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO {who};
         REVOKE INSERT, UPDATE ON csm_logins, csm_meta, csm_shared FROM {who};
         GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {who};"
    )
}
