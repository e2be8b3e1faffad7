-- A spatial index per record type. A collection's bbox query asks for one
-- type; through the one index on every record's geometry, PostgreSQL finds
-- the candidates of all types in the box (finds and activities crowd the
-- hazards) and intersects them with the type's rows: on the national demo
-- a page of 100 hazards in the benchmark box took 4.0 ms, and 2.6 ms with
-- the hazards' own index (and its count 3.7 ms, then 2.2 ms). The index on
-- all geometries stays for queries of every type. Victims have no geometry.
CREATE INDEX records_geom_hazard ON records USING gist (geom) WHERE type = 'hazard';
CREATE INDEX records_geom_activity ON records USING gist (geom) WHERE type = 'activity';
CREATE INDEX records_geom_find ON records USING gist (geom) WHERE type = 'find';
CREATE INDEX records_geom_accident ON records USING gist (geom) WHERE type = 'accident';
CREATE INDEX records_geom_education ON records USING gist (geom) WHERE type = 'education';
CREATE INDEX records_geom_qm_visit ON records USING gist (geom) WHERE type = 'qm_visit';
CREATE INDEX records_geom_task ON records USING gist (geom) WHERE type = 'task';
