-- csm_push(ops, version): one push's operations checked and applied in order, each
-- appended to the change log, inside the caller's transaction. The change log's lock
-- is taken first, so pushes go one at a time and the log's positions commit in order:
-- a reader that has seen position n has seen everything before it. An operation the log
-- already holds was applied by an earlier try and is skipped, so a retry is safe. A
-- field whose value here is neither what the change found nor what it leaves, last
-- written by someone else, is a conflict: the change is applied (the later push wins)
-- and the conflict kept with both values and both people. Row-level security decides
-- who may write a row; a change it refuses is answered with the row as the team has it.
CREATE OR REPLACE FUNCTION csm_push(ops jsonb, pusher_version integer) RETURNS jsonb
LANGUAGE plpgsql AS $fn$
DECLARE
    team_version integer;
    op jsonb;
    tbl text;
    ruid uuid;
    cur jsonb;
    afters jsonb;
    cols text;
    vals text;
    n integer;
    pos bigint;
    f record;
    theirs jsonb;
    last_actor text;
    found jsonb;
    why text;
    -- One answer per operation, appended in place (an array variable grows without
    -- being copied; a jsonb one would be copied whole at every append).
    answer jsonb[] := '{}';
BEGIN
    SELECT value::integer INTO team_version FROM csm_meta WHERE key = 'schema_version';
    IF pusher_version < team_version THEN
        RAISE EXCEPTION 'the team book is at schema version %, this csm at %: upgrade csm to push',
            team_version, pusher_version USING ERRCODE = 'CSM01';
    END IF;
    LOCK TABLE change_log IN EXCLUSIVE MODE;
    FOR op IN SELECT value FROM jsonb_array_elements(ops) LOOP
        IF EXISTS (SELECT 1 FROM change_log WHERE op_id = (op->>'op_id')::uuid) THEN
            answer := array_append(answer, jsonb_build_object('op_id', op->>'op_id', 'outcome', 'already'));
            CONTINUE;
        END IF;
        tbl := op->>'entity';
        IF NOT EXISTS (SELECT 1 FROM csm_shared WHERE name = tbl) THEN
            RAISE EXCEPTION 'the team book shares no table %', tbl USING ERRCODE = 'CSM02';
        END IF;
        ruid := (op->>'row_uid')::uuid;
        EXECUTE format('SELECT to_jsonb(t) FROM %I t WHERE uid = $1', tbl) INTO cur USING ruid;
        found := '[]';
        IF cur IS NOT NULL AND op->>'kind' = 'delete' THEN
            SELECT actor INTO last_actor FROM change_log
            WHERE row_uid = ruid AND position > (op->>'base_position')::bigint
              AND actor <> current_user
            ORDER BY position DESC LIMIT 1;
            IF last_actor IS NOT NULL THEN
                found := found || jsonb_build_object('field', '(row)', 'theirs', 'changed',
                    'mine', 'deleted', 'their_actor', last_actor);
            END IF;
        ELSIF cur IS NOT NULL THEN
            IF cur->>'deleted_at' IS NOT NULL THEN
                SELECT actor INTO last_actor FROM change_log WHERE row_uid = ruid
                ORDER BY position DESC LIMIT 1;
                found := found || jsonb_build_object('field', '(row)', 'theirs', 'deleted',
                    'mine', 'changed', 'their_actor', last_actor);
            END IF;
            FOR f IN SELECT key, value FROM jsonb_each(op->'fields') WHERE value ? 'before' LOOP
                theirs := coalesce(cur->f.key, 'null');
                IF theirs <> f.value->'before' AND theirs <> f.value->'after' THEN
                    last_actor := NULL;
                    SELECT actor INTO last_actor FROM change_log
                    WHERE row_uid = ruid AND fields ? f.key ORDER BY position DESC LIMIT 1;
                    IF last_actor IS DISTINCT FROM current_user THEN
                        found := found || jsonb_build_object('field', f.key, 'theirs', theirs,
                            'mine', f.value->'after', 'their_actor', last_actor);
                    END IF;
                END IF;
            END LOOP;
        END IF;
        SELECT string_agg(quote_ident(key), ', '), string_agg('r.' || quote_ident(key), ', '),
               coalesce(jsonb_object_agg(key, value->'after'), '{}')
        INTO cols, vals, afters FROM jsonb_each(op->'fields');
        BEGIN
            IF op->>'kind' = 'delete' THEN
                EXECUTE format('UPDATE %I SET deleted_at = now(), row_version = row_version + 1
                                WHERE uid = $1 AND deleted_at IS NULL', tbl) USING ruid;
                GET DIAGNOSTICS n = ROW_COUNT;
                IF n = 0 AND cur IS NOT NULL AND cur->>'deleted_at' IS NOT NULL THEN
                    n := 1;
                END IF;
            ELSIF cur IS NULL AND op->>'kind' = 'insert' THEN
                EXECUTE format('INSERT INTO %I (uid, %s) SELECT $2, %s
                                FROM jsonb_populate_record(NULL::%I, $1) r', tbl, cols, vals, tbl)
                    USING afters, ruid;
                n := 1;
            ELSIF cur IS NULL THEN
                n := 0;
            ELSE
                EXECUTE format('UPDATE %I t SET (%s) = (SELECT %s FROM jsonb_populate_record(NULL::%I, $1) r),
                                row_version = t.row_version + 1, deleted_at = NULL
                                WHERE uid = $2', tbl, cols, vals, tbl)
                    USING afters, ruid;
                GET DIAGNOSTICS n = ROW_COUNT;
            END IF;
        EXCEPTION
            WHEN insufficient_privilege THEN
                n := 0;
            -- Any other failure is this operation's alone: it is answered, not left to
            -- hold up every push after it.
            WHEN OTHERS THEN
                why := SQLERRM;
                n := -1;
        END;
        IF n = -1 THEN
            answer := array_append(answer, jsonb_build_object('op_id', op->>'op_id', 'outcome', 'invalid',
                'why', why, 'row', cur));
            CONTINUE;
        END IF;
        IF n = 0 THEN
            answer := array_append(answer, jsonb_build_object('op_id', op->>'op_id', 'outcome', 'refused',
                'row', cur));
            CONTINUE;
        END IF;
        INSERT INTO change_log (op_id, actor, kind, entity, row_uid, fields, base_position, schema_version)
        VALUES ((op->>'op_id')::uuid, current_user, op->>'kind', tbl, ruid, op->'fields',
                (op->>'base_position')::bigint, pusher_version)
        RETURNING position INTO pos;
        INSERT INTO conflicts (position, entity, row_uid, field, theirs, mine, their_actor, my_actor)
        SELECT pos, tbl, ruid, c->>'field', c->'theirs', c->'mine', c->>'their_actor', current_user
        FROM jsonb_array_elements(found) c;
        answer := array_append(answer, jsonb_build_object('op_id', op->>'op_id', 'outcome', 'applied',
            'position', pos,
            'conflicts', (SELECT coalesce(jsonb_agg(jsonb_build_object('id', k.id,
                'field', k.field, 'theirs', k.theirs, 'mine', k.mine,
                'their_actor', k.their_actor) ORDER BY k.id), '[]')
                FROM conflicts k WHERE k.position = pos)));
    END LOOP;
    -- Cockpits that listen pull at once (delivered when this transaction commits).
    IF pos IS NOT NULL THEN
        PERFORM pg_notify('csm_changes', pos::text);
    END IF;
    RETURN to_jsonb(answer);
END
$fn$;
