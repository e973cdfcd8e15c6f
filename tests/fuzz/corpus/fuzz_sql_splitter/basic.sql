CREATE TABLE t (a int, b text);
INSERT INTO t VALUES (1, 'it''s; fine'), (2, E'back\'slash');
