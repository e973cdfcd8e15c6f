#include <ostream>
#include <vector>

#include <doctest/doctest.h>

#include "psql/sql_scanner.hpp"

using namespace pgfit::psql;

namespace {

struct Item {
    std::string kind; // "sql" or "meta"
    std::string text; // statement text, or name + "|" + arguments
    int line = 0;
};

// One line per item, so a failed CHECK prints both sides readably.
std::string render(const std::vector<Item>& items) {
    std::string out;
    for (const auto& item : items) {
        out += item.kind + "@" + std::to_string(item.line) + "[" + item.text + "]\n";
    }
    return out;
}

std::string scan(std::string_view text, const Substitution& substitution = {},
                 bool standard_strings = true);

std::vector<Item> scan_items(std::string_view text, const Substitution& substitution,
                             bool standard_strings) {
    SqlScanner scanner(text, standard_strings);
    std::vector<Item> items;
    while (true) {
        auto item = scanner.next(substitution);
        if (std::holds_alternative<ScanEnd>(item)) {
            return items;
        }
        if (auto* statement = std::get_if<ScannedStatement>(&item)) {
            items.push_back({"sql", statement->text, statement->line});
        } else {
            const auto& meta = std::get<ScannedMeta>(item);
            items.push_back({"meta", meta.name + "|" + meta.arguments, meta.line});
        }
    }
}

std::string scan(std::string_view text, const Substitution& substitution, bool standard_strings) {
    return render(scan_items(text, substitution, standard_strings));
}

std::vector<std::string> texts(std::string_view sql, bool standard_strings = true) {
    std::vector<std::string> result;
    for (const auto& item : scan_items(sql, {}, standard_strings)) {
        result.push_back(item.text);
    }
    return result;
}

using Texts = std::vector<std::string>;

const std::map<std::string, std::string, std::less<>> k_variables = {
    {"user", "app user"}, {"db", "my db"}, {"n", "42"}, {"quote", "it's"}};

Substitution quoting() {
    Substitution substitution;
    substitution.variables = &k_variables;
    substitution.quote_literal = [](std::string_view v) { return "L<" + std::string(v) + ">"; };
    substitution.quote_identifier = [](std::string_view v) { return "I<" + std::string(v) + ">"; };
    return substitution;
}

} // namespace

TEST_SUITE("psql::SqlScanner") {
    TEST_CASE("statements end at semicolons; leading blanks and -- comments are dropped") {
        CHECK(scan("SELECT 1;\n\n  -- note\nSELECT 2; SELECT 3") ==
              render({{"sql", "SELECT 1;", 1}, {"sql", "SELECT 2;", 4}, {"sql", "SELECT 3", 4}}));
        CHECK(texts("SELECT 1 -- trailing ; comment\n + 1;") == Texts{"SELECT 1 \n + 1;"});
        CHECK(scan("").empty());
        CHECK(scan("  \n-- only a comment\n").empty());
    }

    TEST_CASE("the line is the first token's, not a comment's before it") {
        CHECK(scan("/* header\n comment */\nCREATE TABLE t (a int);") ==
              render({{"sql", "/* header\n comment */\nCREATE TABLE t (a int);", 3}}));
        CHECK(scan("/* only a comment */").empty());
    }

    TEST_CASE("semicolons inside quotes and identifiers do not split") {
        CHECK(texts("SELECT 'a;b', 'it''s;', \"col;\"\"x\"; SELECT 2;") ==
              Texts{"SELECT 'a;b', 'it''s;', \"col;\"\"x\";", "SELECT 2;"});
    }

    TEST_CASE("E'' strings honour backslash escapes, standard strings do not") {
        CHECK(texts(R"(SELECT E'a\';b'; SELECT 'c\'; SELECT 3;)") ==
              Texts{R"(SELECT E'a\';b';)", R"(SELECT 'c\';)", "SELECT 3;"});
        CHECK(texts(R"(SELECT e'\\'; SELECT 2;)") == Texts{R"(SELECT e'\\';)", "SELECT 2;"});
    }

    TEST_CASE("with standard_conforming_strings off, plain strings escape too") {
        CHECK(texts(R"(SELECT 'c\';x'; SELECT 2;)", false) ==
              Texts{R"(SELECT 'c\';x';)", "SELECT 2;"});
    }

    TEST_CASE("string prefixes: B'', X'' and U&'' never escape; a prefix inside a word is a word") {
        CHECK(
            texts(R"(SELECT B'1\'; SELECT X'f\'; SELECT U&'d\0061t\'; SELECT 4;)", false) ==
            Texts{R"(SELECT B'1\';)", R"(SELECT X'f\';)", R"(SELECT U&'d\0061t\';)", "SELECT 4;"});
        CHECK(texts(R"(SELECT thee'\'; SELECT 2;)") == Texts{R"(SELECT thee'\';)", "SELECT 2;"});
        CHECK(texts(R"(SELECT 1e'\'; x';)") == Texts{R"(SELECT 1e'\'; x';)"});
    }

    TEST_CASE("a string continued on the next line keeps its escape mode") {
        CHECK(texts("SELECT E'a'\n  -- c\n '\\';b'; SELECT 2;") ==
              Texts{"SELECT E'a'\n  -- c\n '\\';b';", "SELECT 2;"});
        CHECK(texts("SELECT E'a' '\\'; SELECT 2;") == Texts{"SELECT E'a' '\\';", "SELECT 2;"});
    }

    TEST_CASE("dollar quotes, with and without tags") {
        CHECK(texts("DO $$ BEGIN PERFORM 1; END $$; SELECT 2;") ==
              Texts{"DO $$ BEGIN PERFORM 1; END $$;", "SELECT 2;"});
        CHECK(texts("SELECT $fn$ a; $x$ b; $$ c; $fn$; SELECT 2;") ==
              Texts{"SELECT $fn$ a; $x$ b; $$ c; $fn$;", "SELECT 2;"});
        CHECK(texts("SELECT $a$ x $junk$a$; SELECT 2;") ==
              Texts{"SELECT $a$ x $junk$a$;", "SELECT 2;"});
        CHECK(texts("SELECT $Tag$;$tag$;$Tag$; SELECT 2;") ==
              Texts{"SELECT $Tag$;$tag$;$Tag$;", "SELECT 2;"});
    }

    TEST_CASE("dollars that are not quotes: parameters, inside words, lone") {
        CHECK(texts("PREPARE p AS SELECT $1; SELECT a$b$; SELECT $; SELECT 2;") ==
              Texts{"PREPARE p AS SELECT $1;", "SELECT a$b$;", "SELECT $;", "SELECT 2;"});
        CHECK(texts("SELECT $abc ; SELECT 2;") == Texts{"SELECT $abc ;", "SELECT 2;"});
    }

    TEST_CASE("nested block comments hide semicolons and quotes") {
        CHECK(texts("SELECT /* a /* b; ' */ c; */ 1; SELECT 2;") ==
              Texts{"SELECT /* a /* b; ' */ c; */ 1;", "SELECT 2;"});
        CHECK(texts("SELECT 1 +/* x; */ 2;") == Texts{"SELECT 1 +/* x; */ 2;"});
        CHECK(texts("SELECT 5--3;\n;") == Texts{"SELECT 5\n;"});
    }

    TEST_CASE("parentheses hold semicolons (as psql)") {
        CHECK(texts("SELECT (1; 2); SELECT 3;") == Texts{"SELECT (1; 2);", "SELECT 3;"});
        CHECK(texts("SELECT 1); SELECT 2;") == Texts{"SELECT 1);", "SELECT 2;"});
    }

    TEST_CASE("BEGIN ATOMIC bodies of SQL-standard functions stay one statement") {
        const std::string function = "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql\n"
                                     "BEGIN ATOMIC\n  SELECT CASE WHEN true THEN 1 END;\n"
                                     "  SELECT 2;\nEND;";
        CHECK(texts(function + "\nSELECT 3;") == Texts{function, "SELECT 3;"});
        const std::string procedure = "create procedure p() begin atomic insert into t values "
                                      "(1); end;";
        CHECK(texts(procedure + " SELECT 2;") == Texts{procedure, "SELECT 2;"});
        CHECK(texts("BEGIN; SELECT 1; END;") == Texts{"BEGIN;", "SELECT 1;", "END;"});
    }

    TEST_CASE("backslash commands end at the line's end and report their line") {
        CHECK(scan("SELECT 1;\n\\set x 'a b'\n\\c \"my db\"\nSELECT 2;\n\\echo done") ==
              render({{"sql", "SELECT 1;", 1},
                      {"meta", "set| x 'a b'", 2},
                      {"meta", "c| \"my db\"", 3},
                      {"sql", "SELECT 2;", 4},
                      {"meta", "echo| done", 5}}));
    }

    TEST_CASE("a backslash command inside a statement is flagged") {
        SqlScanner scanner("SELECT 1 \\gset\n");
        auto item = scanner.next();
        REQUIRE(std::holds_alternative<ScannedMeta>(item));
        CHECK(std::get<ScannedMeta>(item).inside_statement);
        CHECK(std::get<ScannedMeta>(item).name == "gset");
        CHECK(std::get<ScannedMeta>(item).statement == "SELECT 1 ");
        SqlScanner gexec("SELECT :'user'\n  WHERE true\n\\gexec\nSELECT 2;");
        item = gexec.next(quoting());
        REQUIRE(std::holds_alternative<ScannedMeta>(item));
        CHECK(std::get<ScannedMeta>(item).statement == "SELECT L<app user>\n  WHERE true\n");
    }

    TEST_CASE("backslash-semicolon and backslash-colon are literal characters") {
        CHECK(texts("SELECT 1\\; SELECT 2; SELECT '\\:x';") ==
              Texts{"SELECT 1; SELECT 2;", "SELECT '\\:x';"});
        CHECK(scan("SELECT 'a' \\:n;", quoting()) == render({{"sql", "SELECT 'a' :n;", 1}}));
    }

    TEST_CASE("variables are substituted outside quotes, comments and dollar quotes") {
        CHECK(scan("SELECT :n, :'user', :\"db\", ':n', \":n\", $$:n$$ /* :n */;", quoting()) ==
              render({{"sql", "SELECT 42, L<app user>, I<my db>, ':n', \":n\", $$:n$$ /* :n */;",
                       1}}));
        CHECK(scan("SELECT E':n' -- :n\n;", quoting()) == render({{"sql", "SELECT E':n' \n;", 1}}));
    }

    TEST_CASE("typecasts, undefined and incomplete references stay as written") {
        CHECK(scan("SELECT 1::int, :missing, :'missing', :\"missing\", a[1:2], :'n;", quoting()) ==
              render(
                  {{"sql", "SELECT 1::int, :missing, :'missing', :\"missing\", a[1:2], :'n;", 1}}));
        CHECK(scan("SELECT :=1, : x;", quoting()) == render({{"sql", "SELECT :=1, : x;", 1}}));
    }

    TEST_CASE("a value with quotes is inserted as the quoting function returns it") {
        CHECK(scan("SELECT :'quote';", quoting()) == render({{"sql", "SELECT L<it's>;", 1}}));
    }

    TEST_CASE("line numbers count newlines inside strings, comments and dollar quotes") {
        CHECK(scan("SELECT 'a\nb';\n/* x\ny */ SELECT $$\n$$;\n-- c\nSELECT 3;") ==
              render({{"sql", "SELECT 'a\nb';", 1},
                      {"sql", "/* x\ny */ SELECT $$\n$$;", 4},
                      {"sql", "SELECT 3;", 7}}));
    }

    TEST_CASE("unterminated quotes run to the end and are sent as they are") {
        CHECK(texts("SELECT 'abc; SELECT 2;") == Texts{"SELECT 'abc; SELECT 2;"});
        CHECK(texts("SELECT $$ abc; SELECT 2;") == Texts{"SELECT $$ abc; SELECT 2;"});
        CHECK(texts("SELECT 1 /* abc; SELECT 2;") == Texts{"SELECT 1 /* abc; SELECT 2;"});
    }

    TEST_CASE("COPY FROM STDIN is recognised and its data taken up to the \\. line") {
        const std::string sql = "COPY t (a, b) FROM stdin;\n1\tx\n2\t\\N\n\\.\nSELECT 2;\n";
        SqlScanner scanner(sql);
        auto first = scanner.next();
        REQUIRE(std::holds_alternative<ScannedStatement>(first));
        CHECK(std::get<ScannedStatement>(first).copy_from_stdin);
        CHECK(scanner.take_copy_data() == "1\tx\n2\t\\N\n");
        auto second = scanner.next();
        REQUIRE(std::holds_alternative<ScannedStatement>(second));
        CHECK(std::get<ScannedStatement>(second).text == "SELECT 2;");
        CHECK(std::get<ScannedStatement>(second).line == 5);
        CHECK_FALSE(std::get<ScannedStatement>(second).copy_from_stdin);
    }

    TEST_CASE("COPY data without a terminator runs to the end") {
        SqlScanner scanner("copy t from STDIN;\n1\n2");
        auto first = scanner.next();
        CHECK(std::get<ScannedStatement>(first).copy_from_stdin);
        CHECK(scanner.take_copy_data() == "1\n2");
        CHECK(std::holds_alternative<ScanEnd>(scanner.next()));
    }

    TEST_CASE("COPY from a file or to stdout is not COPY FROM STDIN") {
        for (const char* sql : {"COPY t FROM '/tmp/x';", "COPY t TO STDOUT;",
                                "SELECT * FROM stdin;", "COPY t FROM 'stdin';"}) {
            SqlScanner scanner(sql);
            auto item = scanner.next();
            CHECK_FALSE(std::get<ScannedStatement>(item).copy_from_stdin);
        }
    }
}
