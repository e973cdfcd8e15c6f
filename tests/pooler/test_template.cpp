#include <doctest/doctest.h>

#include "pooler/template.hpp"

using pgfit::pooler::render_template;
using pgfit::pooler::TemplateValues;

TEST_SUITE("pooler::render_template") {
    TEST_CASE("placeholders are replaced, everything else is kept byte for byte") {
        const TemplateValues values{{"port", "6432"}, {"block", "a = 1\nb = 2\n"}};
        CHECK(
            render_template("listen_port = {{port}}\n{{ block }}; {x} }}\n", values, "t").value() ==
            "listen_port = 6432\na = 1\nb = 2\n; {x} }}\n");
        CHECK(render_template("", values, "t").value() == "");
    }

    TEST_CASE("an unknown placeholder names its line and the known names") {
        const auto rendered =
            render_template("a\nb = {{prot}}\n", {{"port", "1"}, {"addr", "*"}}, "tpl.ini");
        REQUIRE_FALSE(rendered.has_value());
        CHECK(rendered.error().to_string() ==
              "tpl.ini:2: unknown placeholder '{{prot}}'; known: addr, port");
    }

    TEST_CASE("an unclosed placeholder") {
        const auto rendered = render_template("x\n\ny = {{port\n}}", {{"port", "1"}}, "tpl.ini");
        REQUIRE_FALSE(rendered.has_value());
        CHECK(rendered.error().to_string() == "tpl.ini:3: '{{' without '}}' on the same line");
    }
}
