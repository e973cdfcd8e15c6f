// parse_memory_size must never crash, and whatever it accepts must be a positive byte count.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "util/bytes.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto result = pgfit::parse_memory_size(text, "POSTGRES_MEMORY");
    if (result.has_value() && result.value().count == 0) {
        std::abort();
    }
    return 0;
}
