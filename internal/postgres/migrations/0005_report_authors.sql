-- The authors of a report: everyone who entered or changed its content, in
-- the order they first did, the user who entered it first. None of them may
-- approve or reject it (separation of duties: docs/SECURITY.md). Reports
-- that exist already get theirs from the audit log, where every change of
-- a report's content is a report.update entry naming its actor.
ALTER TABLE reports ADD COLUMN authors json NOT NULL DEFAULT '[]';
UPDATE reports r SET authors = json_build_array(u.name) FROM users u WHERE u.id = r.created_by;
UPDATE reports r SET authors = (json_build_array(u.name)::jsonb || c.actors::jsonb)::json
FROM users u, (
  SELECT a.report_id, json_agg(a.actor ORDER BY a.first) AS actors
  FROM (
    SELECT a.report_id, a.actor, min(a.seq) AS first
    FROM audit a JOIN reports r ON r.id = a.report_id JOIN users u ON u.id = r.created_by
    WHERE a.action = 'report.update' AND a.actor <> u.name
    GROUP BY a.report_id, a.actor
  ) a
  GROUP BY a.report_id
) c
WHERE u.id = r.created_by AND c.report_id = r.id;
