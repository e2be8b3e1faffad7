-- The authors of a report: everyone who entered or changed its content, in
-- the order they first did, the user who entered it first. None of them may
-- approve or reject it (separation of duties: docs/SECURITY.md). Reports
-- that exist already get theirs from the audit log, where every change of
-- a report's content is a report.update entry naming its actor.
ALTER TABLE reports ADD COLUMN authors TEXT NOT NULL DEFAULT '[]';
UPDATE reports SET authors = json_array((SELECT name FROM users WHERE id = reports.created_by));
WITH changed AS MATERIALIZED (
  SELECT a.report_id, a.actor, min(a.seq) AS first
  FROM audit a JOIN reports r ON r.id = a.report_id JOIN users u ON u.id = r.created_by
  WHERE a.action = 'report.update' AND a.actor <> u.name
  GROUP BY a.report_id, a.actor
)
UPDATE reports SET authors = (
  SELECT json_group_array(name) FROM (
    SELECT name, 0 AS k FROM users WHERE id = reports.created_by
    UNION ALL
    SELECT actor, first FROM changed WHERE changed.report_id = reports.id
    ORDER BY k
  )
)
WHERE id IN (SELECT report_id FROM changed);
