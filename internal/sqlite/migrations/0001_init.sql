-- The national database, embedded store. Times are RFC 3339 UTC text with
-- microseconds; geometries are little-endian WKB in longitude/latitude.

CREATE TABLE country (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  name    TEXT NOT NULL,
  geom    BLOB NOT NULL,
  area_m2 REAL NOT NULL
);

CREATE TABLE organisations (
  id   INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL
);

CREATE TABLE teams (
  id     INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES organisations(id),
  code   TEXT NOT NULL,
  name   TEXT NOT NULL,
  method TEXT NOT NULL DEFAULT '',
  UNIQUE (org_id, code)
);

CREATE TABLE admin_areas (
  id        INTEGER PRIMARY KEY,
  code      TEXT NOT NULL UNIQUE,
  name      TEXT NOT NULL,
  level     INTEGER NOT NULL,
  parent_id INTEGER REFERENCES admin_areas(id),
  affected  INTEGER NOT NULL DEFAULT 0,
  note      TEXT NOT NULL DEFAULT '',
  geom      BLOB NOT NULL,
  area_m2   REAL NOT NULL,
  minx REAL NOT NULL, miny REAL NOT NULL, maxx REAL NOT NULL, maxy REAL NOT NULL
);

CREATE TABLE places (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,
  kind          TEXT NOT NULL,
  lon           REAL NOT NULL,
  lat           REAL NOT NULL,
  population    INTEGER NOT NULL DEFAULT 0,
  admin_area_id INTEGER REFERENCES admin_areas(id),
  UNIQUE (name, kind)
);

CREATE TABLE ordnance (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,
  category    TEXT NOT NULL,
  subcategory TEXT NOT NULL,
  model       TEXT NOT NULL,
  kind        TEXT NOT NULL DEFAULT '',
  notes       TEXT NOT NULL DEFAULT ''
);

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,
  org_id        INTEGER REFERENCES organisations(id),
  roles         TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE tokens (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id),
  name       TEXT NOT NULL,
  hash       TEXT NOT NULL UNIQUE,
  roles      TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  revoked_at TEXT
);

CREATE TABLE sessions (
  hash       TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id),
  csrf       TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen  TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

CREATE TABLE hid_counters (
  record_type TEXT PRIMARY KEY,
  next        INTEGER NOT NULL
);

-- The current view: one row per record, the state of its current version.
CREATE TABLE records (
  id            INTEGER PRIMARY KEY,
  type          TEXT NOT NULL,
  hid           TEXT NOT NULL UNIQUE,
  org_id        INTEGER NOT NULL REFERENCES organisations(id),
  version       INTEGER NOT NULL,
  deleted       INTEGER NOT NULL DEFAULT 0,
  doi           TEXT NOT NULL,
  status        TEXT NOT NULL DEFAULT '',
  category      TEXT NOT NULL DEFAULT '',
  event_date    TEXT NOT NULL DEFAULT '',
  quantity      INTEGER NOT NULL DEFAULT 0,
  admin_area_id INTEGER REFERENCES admin_areas(id),
  props         TEXT NOT NULL,
  geom          BLOB,
  minx REAL, miny REAL, maxx REAL, maxy REAL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX records_type ON records (type, deleted, id);
CREATE INDEX records_type_date ON records (type, event_date);
CREATE VIRTUAL TABLE records_rtree USING rtree (id, minx, maxx, miny, maxy);

-- Links between records are foreign keys.
CREATE TABLE record_links (
  record_id INTEGER NOT NULL REFERENCES records(id),
  rel       TEXT NOT NULL,
  target_id INTEGER NOT NULL REFERENCES records(id),
  PRIMARY KEY (record_id, rel, target_id)
);
CREATE INDEX record_links_target ON record_links (target_id, rel);

CREATE TABLE reports (
  id             INTEGER PRIMARY KEY,
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
CREATE INDEX reports_status ON reports (status, id);
CREATE INDEX reports_record ON reports (record_id);

-- Every approved version, never changed except to mark an undo.
CREATE TABLE versions (
  record_id   INTEGER NOT NULL REFERENCES records(id),
  version     INTEGER NOT NULL,
  report_id   INTEGER NOT NULL REFERENCES reports(id),
  deleted     INTEGER NOT NULL DEFAULT 0,
  doi         TEXT NOT NULL,
  props       TEXT NOT NULL,
  geom        BLOB,
  applied     INTEGER NOT NULL,
  approved_by TEXT NOT NULL,
  approved_at TEXT NOT NULL,
  undone_by   TEXT,
  undone_at   TEXT,
  hash        TEXT NOT NULL,
  PRIMARY KEY (record_id, version)
);
CREATE INDEX versions_report ON versions (report_id);

-- Released polygons of approved activities, clipped to their hazard.
CREATE TABLE releases (
  id            INTEGER PRIMARY KEY,
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
CREATE INDEX releases_hazard ON releases (hazard_id);
CREATE INDEX releases_activity ON releases (activity_id);
CREATE VIRTUAL TABLE releases_rtree USING rtree (id, minx, maxx, miny, maxy);

-- Current land release figures per hazard.
CREATE TABLE figures (
  hazard_id      INTEGER PRIMARY KEY REFERENCES records(id),
  version        INTEGER NOT NULL,
  original_m2    REAL NOT NULL,
  cancelled_m2   REAL NOT NULL,
  reduced_m2     REAL NOT NULL,
  cleared_m2     REAL NOT NULL,
  remaining_m2   REAL NOT NULL,
  remaining_geom BLOB
);

-- What each release counts for, per hazard version.
CREATE TABLE credits (
  hazard_id   INTEGER NOT NULL REFERENCES records(id),
  version     INTEGER NOT NULL,
  activity_id INTEGER NOT NULL REFERENCES records(id),
  outcome     INTEGER NOT NULL,
  kind        TEXT NOT NULL,
  date        TEXT NOT NULL,
  method      TEXT NOT NULL DEFAULT '',
  area_m2     REAL NOT NULL
);
CREATE INDEX credits_hazard ON credits (hazard_id, version);

-- Original area and index fields of every hazard version, for roll-ups.
CREATE TABLE hazard_history (
  hazard_id  INTEGER NOT NULL REFERENCES records(id),
  version    INTEGER NOT NULL,
  doi        TEXT NOT NULL,
  deleted    INTEGER NOT NULL,
  original_m2 REAL NOT NULL,
  org_code   TEXT NOT NULL,
  admin_area TEXT NOT NULL DEFAULT '',
  status     TEXT NOT NULL DEFAULT '',
  category   TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (hazard_id, version)
);

-- The append-only audit chain.
CREATE TABLE audit (
  seq          INTEGER PRIMARY KEY,
  at           TEXT NOT NULL,
  actor        TEXT NOT NULL,
  action       TEXT NOT NULL,
  report_id    INTEGER NOT NULL DEFAULT 0,
  record_hid   TEXT NOT NULL DEFAULT '',
  version      INTEGER NOT NULL DEFAULT 0,
  version_hash TEXT NOT NULL DEFAULT '',
  detail       TEXT NOT NULL DEFAULT '',
  prev_hash    TEXT NOT NULL,
  hash         TEXT NOT NULL
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
