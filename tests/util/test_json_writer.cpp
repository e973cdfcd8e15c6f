#include <cmath>

#include <doctest/doctest.h>

#include "util/json_writer.hpp"

using pgfit::json_quote;
using pgfit::JsonWriter;

TEST_SUITE("util::JsonWriter") {
    TEST_CASE("keys in the order written, indented, with a final newline") {
        JsonWriter json;
        json.begin_object();
        json.key("a").value(std::uint64_t{1});
        json.key("b").value("x");
        json.key("c").begin_array().value(true).null().end_array();
        json.key("d").begin_array().end_array();
        json.key("e").begin_object().end_object();
        json.end_object();
        CHECK(json.str() == "{\n"
                            "  \"a\": 1,\n"
                            "  \"b\": \"x\",\n"
                            "  \"c\": [\n"
                            "    true,\n"
                            "    null\n"
                            "  ],\n"
                            "  \"d\": [],\n"
                            "  \"e\": {}\n"
                            "}\n");
    }

    TEST_CASE("compact form") {
        JsonWriter json(0);
        json.begin_object().key("k").value(-5).key("l").begin_array().value(1.5).end_array();
        json.end_object();
        CHECK(json.str() == "{\"k\":-5,\"l\":[1.5]}\n");
    }

    TEST_CASE("numbers: shortest doubles, no NaN or infinity") {
        JsonWriter json(0);
        json.begin_array().value(2.0).value(0.01).value(1.0 / 3).value(std::nan(""));
        json.value(std::optional<double>{}).value(std::optional<unsigned>{7U}).end_array();
        CHECK(json.str() == "[2,0.01,0.3333333333333333,null,null,7]\n");
    }

    TEST_CASE("strings are escaped and always valid UTF-8") {
        CHECK(json_quote("a\"b\\c") == "\"a\\\"b\\\\c\"");
        CHECK(json_quote("\n\t\r\x01\x7f") == "\"\\n\\t\\r\\u0001\\u007f\"");
        CHECK(json_quote("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x90\x98") ==
              "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x90\x98\"");
        CHECK(json_quote("\xff") == "\"\\ufffd\"");
        CHECK(json_quote("\xc3") == "\"\\ufffd\"");                       // truncated sequence
        CHECK(json_quote("\xc0\xaf") == "\"\\ufffd\\ufffd\"");            // overlong
        CHECK(json_quote("\xed\xa0\x80") == "\"\\ufffd\\ufffd\\ufffd\""); // surrogate
        CHECK(json_quote(std::string_view("a\0b", 3)) == "\"a\\u0000b\"");
    }
}
