// UTC timestamps with microsecond precision, the one time type of Lectern.
// Stored and sent as RFC 3339 text ("2026-11-24T09:30:00Z", fractions only
// when non-zero); parsing also accepts PostgreSQL's "2026-11-24 09:30:00+00".
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace lectern {

using Timestamp = std::chrono::sys_time<std::chrono::microseconds>;

Timestamp now_utc();

// RFC 3339 in UTC with a trailing Z; microseconds only when non-zero.
std::string format_rfc3339(Timestamp t);

// Fixed-width "YYYY-MM-DDTHH:MM:SS.ffffffZ": sorts as text in time order,
// which is how timestamps are stored in SQLite.
std::string format_storage(Timestamp t);

// Accepts RFC 3339 / ISO 8601 with 'T' or ' ', optional fraction (up to 9
// digits, truncated to microseconds), and Z, +HH, +HH:MM or +HHMM offsets.
std::optional<Timestamp> parse_timestamp(std::string_view text);

}  // namespace lectern
