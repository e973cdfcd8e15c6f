DO $body$ BEGIN RAISE NOTICE $$x;$$; END $body$;
/* outer /* inner; */ still; */ SELECT 1;
