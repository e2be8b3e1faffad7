-- mineaction:foreign-keys-off
-- Reports and released polygons are deleted (a staged report, the
-- releases of a hazard rebuilt), and a plain INTEGER PRIMARY KEY gives the
-- id of a deleted highest row to the next row: a client holding the old id
-- would find another report. AUTOINCREMENT never reuses an id, as
-- PostgreSQL's identity columns do not. SQLite cannot add it to a table:
-- each table is rebuilt (https://www.sqlite.org/lang_altertable.html,
-- "making other kinds of table schema changes"), with foreign key
-- enforcement off for the migration (the first line above asks the runner
-- for it) and PRAGMA foreign_key_check run before the commit.

CREATE TABLE reports_new (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  record_type    TEXT NOT NULL,
  record_id      INTEGER REFERENCES records(id),
  base_version   INTEGER NOT NULL DEFAULT 0,
  is_delete      INTEGER NOT NULL DEFAULT 0,
  status         TEXT NOT NULL,
  org_code       TEXT NOT NULL,
  created_by     INTEGER NOT NULL REFERENCES users(id),
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  submitted_at   TEXT,
  decided_by     INTEGER REFERENCES users(id),
  decided_at     TEXT,
  reason         TEXT NOT NULL DEFAULT '',
  props          TEXT NOT NULL,
  geom           BLOB,
  doi            TEXT NOT NULL,
  issues         TEXT NOT NULL DEFAULT '[]',
  warnings       TEXT NOT NULL DEFAULT '[]',
  revision       INTEGER NOT NULL,
  result_version INTEGER NOT NULL DEFAULT 0
);
INSERT INTO reports_new (id, record_type, record_id, base_version, is_delete, status, org_code, created_by, created_at,
  updated_at, submitted_at, decided_by, decided_at, reason, props, geom, doi, issues, warnings, revision, result_version)
SELECT id, record_type, record_id, base_version, is_delete, status, org_code, created_by, created_at,
  updated_at, submitted_at, decided_by, decided_at, reason, props, geom, doi, issues, warnings, revision, result_version
FROM reports;
DROP TABLE reports;
ALTER TABLE reports_new RENAME TO reports;
CREATE INDEX reports_status ON reports (status, id);
CREATE INDEX reports_record ON reports (record_id);

CREATE TABLE releases_new (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  activity_id   INTEGER NOT NULL REFERENCES records(id),
  hazard_id     INTEGER NOT NULL REFERENCES records(id),
  kind          TEXT NOT NULL,
  date          TEXT NOT NULL,
  method        TEXT NOT NULL DEFAULT '',
  outcome_index INTEGER NOT NULL,
  geom          BLOB NOT NULL,
  area_m2       REAL NOT NULL,
  outside_m2    REAL NOT NULL,
  credited_m2   REAL NOT NULL DEFAULT 0,
  minx REAL NOT NULL, miny REAL NOT NULL, maxx REAL NOT NULL, maxy REAL NOT NULL
);
INSERT INTO releases_new (id, activity_id, hazard_id, kind, date, method, outcome_index, geom, area_m2, outside_m2,
  credited_m2, minx, miny, maxx, maxy)
SELECT id, activity_id, hazard_id, kind, date, method, outcome_index, geom, area_m2, outside_m2,
  credited_m2, minx, miny, maxx, maxy
FROM releases;
DROP TABLE releases;
ALTER TABLE releases_new RENAME TO releases;
CREATE INDEX releases_hazard ON releases (hazard_id);
CREATE INDEX releases_activity ON releases (activity_id);
