-- pgaudit.log for the real server, set last: after 01 created pgaudit (the order pgaudit asks
-- for) and after the other init statements, which stay out of the audit log. Outcomes:
--   pgaudit loaded and created, POSTGRES_PGAUDIT_LOG non-empty (the image's default is
--   `ddl,role`) → ALTER SYSTEM SET pgaudit.log (postgresql.auto.conf; an operator's later
--   ALTER SYSTEM wins as usual); otherwise nothing.
-- ALTER SYSTEM cannot run in a DO block, so the condition needs \gexec (pgfit's runner has it).

\c :"POSTGRES_DB"
SELECT pg_catalog.format('ALTER SYSTEM SET pgaudit.log = %L', :'POSTGRES_PGAUDIT_LOG')
WHERE :'POSTGRES_PGAUDIT_LOG' <> ''
  AND pg_catalog.current_setting('pgaudit.log', true) IS NOT NULL
  AND EXISTS (SELECT FROM pg_catalog.pg_extension WHERE extname = 'pgaudit')
\gexec
