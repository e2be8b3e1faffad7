-- The type index carries each record's bounding box, so that a page of a
-- box that walks the type index (boxpage.go) tests the box in the index,
-- without reading the row of each record it passes.
DROP INDEX records_type;
CREATE INDEX records_type ON records (type, deleted, id, minx, maxx, miny, maxy);
