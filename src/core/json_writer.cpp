#include "core/json_writer.hpp"

#include <charconv>
#include <cmath>

namespace lectern {

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += ch;  // UTF-8 passes through as is
        }
    }
  }
  out += '"';
}

void JsonWriter::separate() {
  if (need_comma_) out_ += ',';
  need_comma_ = true;
}

void JsonWriter::begin_object() {
  separate();
  out_ += '{';
  need_comma_ = false;
}

void JsonWriter::end_object() {
  out_ += '}';
  need_comma_ = true;
}

void JsonWriter::begin_array() {
  separate();
  out_ += '[';
  need_comma_ = false;
}

void JsonWriter::end_array() {
  out_ += ']';
  need_comma_ = true;
}

void JsonWriter::key(std::string_view name) {
  separate();
  append_json_string(out_, name);
  out_ += ':';
  need_comma_ = false;
}

void JsonWriter::null() {
  separate();
  out_ += "null";
}

void JsonWriter::boolean(bool value) {
  separate();
  out_ += value ? "true" : "false";
}

void JsonWriter::integer(std::int64_t value) {
  separate();
  char buffer[24];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  out_.append(buffer, end);
}

void JsonWriter::number(double value) {
  separate();
  if (!std::isfinite(value)) {  // JSON has no NaN or infinity
    out_ += "null";
    return;
  }
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  std::string_view text(buffer, static_cast<std::size_t>(end - buffer));
  out_ += text;
  // A decimal stays recognisably one: 4 -> 4.0 (as Python and DRF write it).
  if (text.find_first_of(".eE") == std::string_view::npos) out_ += ".0";
}

void JsonWriter::string(std::string_view value) {
  separate();
  append_json_string(out_, value);
}

void JsonWriter::timestamp(Timestamp value) {
  separate();
  out_ += '"';
  out_ += format_rfc3339(value);
  out_ += '"';
}

void JsonWriter::raw(std::string_view json) {
  separate();
  out_ += json;
}

void write_json(JsonWriter& w, bool value) {
  w.boolean(value);
}
void write_json(JsonWriter& w, std::int64_t value) {
  w.integer(value);
}
void write_json(JsonWriter& w, int value) {
  w.integer(value);
}
void write_json(JsonWriter& w, double value) {
  w.number(value);
}
void write_json(JsonWriter& w, std::string_view value) {
  w.string(value);
}
void write_json(JsonWriter& w, const std::string& value) {
  w.string(value);
}
void write_json(JsonWriter& w, const char* value) {
  w.string(value);
}
void write_json(JsonWriter& w, Timestamp value) {
  w.timestamp(value);
}

}  // namespace lectern
