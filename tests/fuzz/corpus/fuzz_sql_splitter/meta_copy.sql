\set x 'v'
SELECT :'x', :"x", :x, '::x';
\c :"db" - 
\echo done
COPY t FROM stdin;
1	x
\.
SELECT 2;
